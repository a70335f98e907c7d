/**
 * What an API key may do. Each route declares the one scope it needs (http/route-access.ts):
 * `read` — search, scenes, assets, sources, STAC API, OpenAPI; `process` — jobs and offline
 * prefetch; `admin` — keys, settings, clearing the cache. Scopes are independent: a key has the
 * ones it was given and no others (admin keys are made with all three).
 *
 * Pure: no Node built-ins. `KeyScope` reaches clients through ../api/contract.ts.
 */

export type KeyScope = 'read' | 'process' | 'admin';

/** Every scope, in the one canonical order used for storage and display. */
export const KEY_SCOPES: readonly KeyScope[] = ['read', 'process', 'admin'];

/** What `POST /api/v1/keys` gives when the body names no scopes: no key management. */
export const DEFAULT_KEY_SCOPES: readonly KeyScope[] = ['read', 'process'];

/** Keys made on the command line and the desktop app's session key. */
export const ADMIN_KEY_SCOPES: readonly KeyScope[] = ['read', 'process', 'admin'];

export function isKeyScope(value: unknown): value is KeyScope {
  return typeof value === 'string' && (KEY_SCOPES as readonly string[]).includes(value);
}

/** Removes duplicates and sorts into the canonical order. */
export function canonicalScopes(scopes: readonly KeyScope[]): KeyScope[] {
  return KEY_SCOPES.filter((scope) => scopes.includes(scope));
}

/**
 * Reads the `scopes` of a request: an array of names or one comma-separated string. Returns the
 * canonical list, or the reason it is invalid (the caller names the parameter).
 */
export function parseScopes(input: unknown): { scopes: KeyScope[] } | { problem: string } {
  if (input === undefined) return { scopes: [...DEFAULT_KEY_SCOPES] };
  let names: unknown[];
  if (typeof input === 'string') names = input.split(',').map((part) => part.trim());
  else if (Array.isArray(input)) names = input;
  else return { problem: 'must be an array of scope names or a comma-separated string' };
  if (names.length === 0 || (names.length === 1 && names[0] === '')) return { problem: `must name at least one of ${KEY_SCOPES.join(', ')}` };
  if (names.length > KEY_SCOPES.length * 4) return { problem: 'lists too many entries' };
  for (const name of names) {
    if (!isKeyScope(name)) {
      const shown = typeof name === 'string' ? `"${name.slice(0, 40)}"` : String(JSON.stringify(name)).slice(0, 40);
      return { problem: `${shown} is not a scope; use ${KEY_SCOPES.join(', ')}` };
    }
  }
  return { scopes: canonicalScopes(names as KeyScope[]) };
}

/** The stored form: the canonical list joined by commas (the column's CHECK lists every valid one). */
export function scopesToColumn(scopes: readonly KeyScope[]): string {
  return canonicalScopes(scopes).join(',');
}

export function scopesFromColumn(column: string): KeyScope[] {
  return canonicalScopes(column.split(',').filter(isKeyScope));
}
