/**
 * Which URLs the service may fetch when an upstream document (an item's asset href, a redirect's
 * Location) names them — deny by default, so a wrong or hostile catalog cannot turn the COG proxy
 * into a reader of loopback, private or cloud-metadata addresses. A URL is allowed when:
 * - its origin is a configured one (catalog, SAS and blob-mirror URLs, `ASTRA_DATA_HOSTS`
 *   origins): any scheme of http/https the origin names, any address — the operator chose it;
 * - or it is `https:` to a host a source documents as its data host (e.g. Planetary Computer's
 *   `*.blob.core.windows.net`) or to an `ASTRA_DATA_HOSTS` host; such a host must not be an IP
 *   literal in a private range, and the fetch edge (guarded-fetch.ts) also refuses it when its
 *   name resolves to one.
 * Everything else (other hosts, `http:` elsewhere, `file:`, `s3:`, `data:`, credentials in the
 * URL) is refused. Pure.
 */
import { echo } from '../api/echo';
import { isIpLiteral, isPrivateAddress } from './private-address';

export type DataHostDecision =
  | { allowed: true; url: URL; host: string; configured: boolean }
  | { allowed: false; host: string; reason: string };

export interface DataHostPolicy {
  check(href: string): DataHostDecision;
  /** What is allowed, for messages and docs. */
  describe(): string;
}

export interface DataHostRules {
  /** Configured origins (`http://127.0.0.1:9000`, `https://mirror.example.org`), or URLs whose origin counts. */
  origins: readonly string[];
  /** Host patterns reached over https: `host`, `host:port`, `*.suffix` (exactly one label in place of `*`). */
  hosts: readonly string[];
}

interface HostPattern {
  wildcard: boolean;
  /** The host, or for a wildcard the suffix after `*.`. */
  name: string;
  /** null = the scheme's default port only. */
  port: string | null;
}

/** One `ASTRA_DATA_HOSTS` entry: an origin (has `://`) or a host pattern; throws on anything else. */
export function parseDataHostEntry(entry: string): { origin: string } | { host: string } {
  const text = entry.trim();
  if (text.includes('://')) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Error(`"${echo(text)}" is not a valid origin`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${echo(text)}": only http and https origins are allowed`);
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
      throw new Error(`"${echo(text)}" must be an origin only (scheme://host[:port])`);
    }
    return { origin: url.origin };
  }
  parseHostPattern(text);
  return { host: text.toLowerCase() };
}

function parseHostPattern(text: string): HostPattern {
  const match = /^(\*\.)?([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i.exec(text);
  if (!match || match[2].startsWith('.') || match[2].endsWith('.') || match[2].includes('..')) {
    throw new Error(`"${echo(text)}" is not a host name (host, host:port or *.domain)`);
  }
  if (match[1] && !match[2].includes('.')) throw new Error(`"${echo(text)}": a wildcard needs a domain with a dot after "*."`);
  const port = match[3] === undefined || match[3] === '443' ? null : match[3];
  return { wildcard: Boolean(match[1]), name: match[2].toLowerCase(), port };
}

function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

function hostMatches(pattern: HostPattern, hostname: string, port: string): boolean {
  if ((pattern.port ?? '') !== port) return false;
  if (!pattern.wildcard) return hostname === pattern.name;
  if (!hostname.endsWith(`.${pattern.name}`)) return false;
  const label = hostname.slice(0, -pattern.name.length - 1);
  return label.length > 0 && !label.includes('.');
}

export function createDataHostPolicy(rules: DataHostRules): DataHostPolicy {
  const origins = new Set(rules.origins.map(originOf).filter((o): o is string => o !== null));
  const hosts = rules.hosts.map(parseHostPattern);

  return {
    check(href) {
      let url: URL;
      try {
        url = new URL(href);
      } catch {
        return { allowed: false, host: echo(href), reason: 'is not an absolute URL' };
      }
      const host = url.host || url.protocol;
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return { allowed: false, host, reason: `uses the ${echo(url.protocol, 20)} scheme; only https (and http for configured origins) is fetched` };
      }
      if (url.username || url.password) return { allowed: false, host, reason: 'carries credentials in the URL' };
      if (origins.has(url.origin)) return { allowed: true, url, host, configured: true };
      if (url.protocol === 'http:') return { allowed: false, host, reason: 'is plain http and not a configured origin' };
      const hostname = url.hostname.replace(/\.$/, '');
      if (isIpLiteral(hostname) && isPrivateAddress(hostname)) {
        return { allowed: false, host, reason: 'is a loopback, link-local or private address and not a configured origin' };
      }
      if (hosts.some((pattern) => hostMatches(pattern, hostname, url.port))) return { allowed: true, url, host, configured: false };
      return { allowed: false, host, reason: 'is not an allowed data host (the sources\' data hosts, configured catalog origins, ASTRA_DATA_HOSTS)' };
    },
    describe() {
      return [...origins, ...rules.hosts].join(', ');
    },
  };
}
