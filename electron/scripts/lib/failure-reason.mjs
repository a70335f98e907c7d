// @ts-check
/**
 * Turns a tool's captured output (an installer's stack trace, prebuild-install's or node-gyp's
 * log) into a short reason for the one line the start scripts print when they fail.
 */

const NETWORK = /((getaddrinfo|connect|read|request to \S+ failed, reason:) )?\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|UND_ERR_CONNECT_TIMEOUT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\b[^\s,;)]*( [^\s,;)]+)?/;
const MAX = 160;

/**
 * @param {string} output what the tool wrote (stdout and stderr)
 * @param {string} fallback said when the output holds nothing recognizable
 */
export function shortReason(output, fallback) {
  const lines = output.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  for (const line of lines) {
    const network = NETWORK.exec(line);
    if (network) return `no connection: ${clip(network[0])}`;
  }
  if (lines.some((line) => /^TypeError: fetch failed$/.test(line))) return 'no connection: fetch failed';
  if (lines.some((line) => /network connectivity|behind a proxy/.test(line))) return 'no connection (network or proxy)';
  const error = lines.find((line) => /^[A-Za-z]*Error: /.test(line)) ?? lines.find((line) => /\bERR!/.test(line));
  return error ? clip(error.replace(/^[A-Za-z]*Error: /, '').replace(/^.*\bERR!\s*(stack\s*)?/, '')) : fallback;
}

/** @param {string} text */
function clip(text) {
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
