/**
 * Bounds on the COG byte proxy (`…/assets/{band}/cog`): how many requests it answers at once and
 * how many bytes it holds for the answers in flight. It is exempt from the per-key rate limit (a
 * map makes hundreds of small reads), so this is what keeps a flood of large reads from holding
 * the service's memory. Beyond either bound the request is refused with 429 and Retry-After
 * instead of queued. Pure bookkeeping; the route takes a pass and gives it back when the
 * response is closed.
 */
import { AppError } from '../api/errors';

export interface ProxyLimits {
  maxRequests: number;
  maxBufferedBytes: number;
}

export interface ProxyPass {
  /** Holds `bytes` more for this request; throws a 429 when that would pass the limit. */
  reserve(bytes: number): void;
  /** Gives everything back; later calls do nothing. */
  release(): void;
}

/** Seconds a refused client is told to wait: answers in flight are short. */
export const PROXY_RETRY_AFTER_S = 1;

function busy(message: string): AppError {
  return new AppError('rate_limited', `COG proxy busy: ${message}; retry in ${PROXY_RETRY_AFTER_S} s`);
}

export class ProxyAdmission {
  private requests = 0;
  private bytes = 0;

  constructor(private readonly limits: ProxyLimits) {}

  get inFlight(): { requests: number; bytes: number } {
    return { requests: this.requests, bytes: this.bytes };
  }

  /** A pass for one request; throws a 429 when `maxRequests` are already being answered. */
  enter(): ProxyPass {
    if (this.requests >= this.limits.maxRequests) throw busy(`${this.requests} requests are being answered (limit ${this.limits.maxRequests}, ASTRA_PROXY_MAX_REQUESTS)`);
    this.requests += 1;
    let held = 0;
    let open = true;
    return {
      reserve: (bytes) => {
        if (!open) return;
        // One request may always go ahead alone, whatever its size; others wait their turn.
        if (this.bytes > 0 && this.bytes + bytes > this.limits.maxBufferedBytes) {
          throw busy(`${this.bytes} bytes are held for answers in flight (limit ${this.limits.maxBufferedBytes}, ASTRA_PROXY_MAX_BUFFERED_BYTES)`);
        }
        this.bytes += bytes;
        held += bytes;
      },
      release: () => {
        if (!open) return;
        open = false;
        this.requests -= 1;
        this.bytes -= held;
      },
    };
  }
}
