/** The key scopes as the panel offers them: what each allows, and the default choice. */
import type { KeyScope } from '../../../../electron/service/api/contract';

/** A Record, so a scope added to KeyScope without a label here does not compile. */
export const SCOPE_CHOICES: Record<KeyScope, { label: string; allows: string }> = {
  read: { label: 'Read', allows: 'search, scenes, assets, sources, STAC API' },
  process: { label: 'Process', allows: 'processing jobs, offline downloads' },
  admin: { label: 'Admin', allows: 'API keys, settings, clearing the cache' },
};

export const SCOPE_ORDER: readonly KeyScope[] = ['read', 'process', 'admin'];

/** What the service gives when no scopes are named: everything a script needs, no key management. */
export const DEFAULT_SCOPES: readonly KeyScope[] = ['read', 'process'];

export function scopeList(scopes: readonly KeyScope[]): string {
  return SCOPE_ORDER.filter((scope) => scopes.includes(scope)).join(', ');
}
