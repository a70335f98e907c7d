/**
 * The error every source adapter throws when its upstream fails. On its own (not in types.ts) so
 * the page decoder that throws it and the types that name the decoder do not import each other.
 */
import type { SourceId } from '../stac/types';

/** Why an upstream call failed; becomes a `warnings[]` entry (or a 502/504 when every source fails). */
export class UpstreamFailure extends Error {
  constructor(
    readonly source: SourceId,
    readonly kind: 'timeout' | 'upstream_error' | 'rate_limited',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'UpstreamFailure';
  }
}
