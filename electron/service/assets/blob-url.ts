/**
 * Azure Blob Storage urls as Planetary Computer hrefs use them:
 * `https://{account}.blob.core.windows.net/{container}/{path}` (providers.md §2.7). Pure.
 */

export interface BlobLocation {
  account: string;
  container: string;
  /** Path inside the container, without a leading slash. */
  path: string;
}

const BLOB_HOST = /^([a-z0-9]{3,24})\.blob\.core\.windows\.net$/;

export function parseBlobUrl(href: string): BlobLocation | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const host = BLOB_HOST.exec(url.hostname.toLowerCase());
  if (!host || url.protocol !== 'https:') return null;
  const [container, ...rest] = url.pathname.replace(/^\/+/, '').split('/');
  if (!container) return null;
  return { account: host[1], container, path: rest.join('/') };
}

/** The href without query or fragment: what the caches store and key on (never a SAS token). */
export function unsignedHref(href: string): string {
  if (!parseBlobUrl(href)) return href;
  const url = new URL(href);
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** `href` with a container SAS token appended (`token` is a query string without `?`). */
export function withSasToken(href: string, token: string): string {
  const base = unsignedHref(href);
  return `${base}${base.includes('?') ? '&' : '?'}${token.replace(/^\?/, '')}`;
}

/**
 * Where to actually send a request for `href`: the same url, or — when a blob mirror is configured
 * (ASTRA_PC_BLOB_URL, for air-gapped sites and tests) — `{mirror}/{account}/{container}/{path}?{query}`.
 */
export function blobRequestUrl(href: string, mirror: string | null): string {
  const blob = parseBlobUrl(href);
  if (!blob || !mirror) return href;
  const query = new URL(href).search;
  return `${mirror.replace(/\/+$/, '')}/${blob.account}/${blob.container}/${blob.path}${query}`;
}
