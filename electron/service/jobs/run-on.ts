/**
 * `on` of a job body: where the job runs — `"local"` (the default) or the id of a remote openEO
 * back-end from the settings (issue 16). Pure; which ids exist is the offload kind's to say.
 */
import { invalidParameter } from '../api/errors';

export const LOCAL = 'local';

/** Ids as the settings allow them (openeo/remote/backend-input.ts), plus `local`. */
const RUN_ON = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Splits `on` off a job body: `{on: 'local' | '<id>', body: the rest}`; 400 naming `on` when it is malformed. */
export function splitRunOn(body: Record<string, unknown>): { on: string; body: Record<string, unknown> } {
  const { on, ...rest } = body;
  if (on === undefined || on === null) return { on: LOCAL, body: rest };
  if (typeof on !== 'string' || !RUN_ON.test(on)) {
    throw invalidParameter('on', 'must be "local" or the id of a remote openEO back-end from the settings (lower-case letters, digits, _ or -)');
  }
  return { on, body: rest };
}
