/**
 * Validation of a remote back-end entry as a client sends it (the settings route's body): 400
 * naming the field for anything off. Pure. Secrets are not part of an entry: a basic password or
 * OIDC tokens go to the SecretStore through their own calls.
 */
import { invalidParameter } from '../../api/errors';
import type { RemoteAuthMethod, RemoteBackendInput } from './types';

export const BACKEND_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const ASTRA_COLLECTION_ID = /^[a-z0-9-]+\.[\w.-]{1,200}$/;
const MAX_TEXT = 200;
const MAX_URL = 2000;
const MAX_PINS = 50;
const FIELDS = new Set(['id', 'url', 'title', 'auth', 'username', 'oidc_provider_id', 'oidc_client_id', 'collections']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) < 0x20 || value.charCodeAt(i) === 0x7f) return true;
  return false;
}

function text(body: Record<string, unknown>, name: string, max = MAX_TEXT): string | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '' || value.length > max || hasControlCharacters(value)) {
    throw invalidParameter(name, `must be a non-empty string of at most ${max} characters without control characters`);
  }
  return value.trim();
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The back-end URL: https, or http on loopback only (tokens and passwords must not cross a
 * network in the clear); no credentials, query or fragment. Returned without a trailing slash.
 */
export function parseBackendUrl(value: unknown, parameter = 'url'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL) throw invalidParameter(parameter, `must be the back-end's URL (at most ${MAX_URL} characters)`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidParameter(parameter, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw invalidParameter(parameter, 'must use https (http only for a back-end on this machine: localhost, 127.0.0.1, [::1])');
  }
  if (url.username || url.password) throw invalidParameter(parameter, 'must not contain credentials; set the user name and password as their own settings');
  if (url.search || url.hash) throw invalidParameter(parameter, 'must not have a query string or fragment');
  return url.href.replace(/\/+$/, '');
}

function parseCollectionPins(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw invalidParameter('collections', 'must be an object: ASTRA collection id → the back-end\'s collection id');
  const entries = Object.entries(value);
  if (entries.length > MAX_PINS) throw invalidParameter('collections', `at most ${MAX_PINS} entries`);
  for (const [astra, remote] of entries) {
    if (!ASTRA_COLLECTION_ID.test(astra)) throw invalidParameter('collections', `"${astra.slice(0, 100)}" is not an ASTRA collection id like "sentinel-2.sentinel-2-l2a"`);
    if (typeof remote !== 'string' || remote.length === 0 || remote.length > MAX_TEXT || hasControlCharacters(remote) || remote.includes('/')) {
      throw invalidParameter('collections', `the back-end collection id for ${astra} must be a non-empty string of at most ${MAX_TEXT} characters without "/"`);
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** A back-end entry from a request body; `pathId` (the id in the route) wins over and must match `body.id`. */
export function parseRemoteBackendInput(body: unknown, pathId?: string): RemoteBackendInput {
  if (!isRecord(body)) throw invalidParameter('body', 'must be a JSON object');
  const unknown = Object.keys(body).find((key) => !FIELDS.has(key));
  if (unknown) {
    const secret = ['password', 'access_token', 'refresh_token'].includes(unknown) ? ' (secrets are set through their own call and never stored with the entry)' : '';
    throw invalidParameter(unknown.slice(0, 100), `is not a field of a remote back-end${secret}`);
  }
  const id = pathId ?? body.id;
  if (typeof id !== 'string' || !BACKEND_ID_PATTERN.test(id) || id === 'local') {
    throw invalidParameter('id', 'must be 1–40 lower-case letters, digits, _ or -, starting with a letter or digit, and not "local"');
  }
  if (pathId !== undefined && body.id !== undefined && body.id !== pathId) throw invalidParameter('id', 'must match the id in the path');
  const auth = body.auth;
  if (auth !== 'basic' && auth !== 'oidc') throw invalidParameter('auth', 'must be "basic" or "oidc"');
  const username = text(body, 'username');
  if (auth === 'basic' && !username) throw invalidParameter('username', 'is required for basic authentication');
  if (auth === 'oidc' && username) throw invalidParameter('username', 'applies to basic authentication only');
  const oidcProvider = text(body, 'oidc_provider_id');
  const oidcClient = text(body, 'oidc_client_id');
  if (auth === 'basic' && (oidcProvider || oidcClient)) throw invalidParameter(oidcProvider ? 'oidc_provider_id' : 'oidc_client_id', 'applies to OIDC authentication only');
  return {
    id, url: parseBackendUrl(body.url), auth: auth as RemoteAuthMethod, title: text(body, 'title'), username,
    oidc_provider_id: oidcProvider, oidc_client_id: oidcClient, collections: parseCollectionPins(body.collections),
  };
}
