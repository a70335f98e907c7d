/** Asks the service for its health (and offline switch) now and every 15 s, feeding the offline indicator. */
import type { ApiClient } from '../api/client';
import { errorMessage, isAbortError } from '../api/errors';
import { getSettings } from '../api/cache-api';
import { healthFailed, healthReceived, offlineModeReported } from './connectivity-store';

const INTERVAL_MS = 15_000;

let pollNow: (() => void) | null = null;

/** Ask again at once (after the offline switch changed). */
export function refreshHealth(): void {
  pollNow?.();
}

export function startHealthPolling(client: ApiClient): () => void {
  let controller: AbortController | null = null;
  const poll = () => {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    client.health(signal).then(
      (health) => {
        healthReceived(health);
        // The runtime offline switch is optional (not in api.md); without it, health says it all.
        getSettings(client, signal).then((s) => offlineModeReported(s.offline), () => undefined);
      },
      (error: unknown) => {
        if (!isAbortError(error)) healthFailed(errorMessage(error));
      },
    );
  };
  poll();
  pollNow = poll;
  const timer = setInterval(poll, INTERVAL_MS);
  return () => {
    clearInterval(timer);
    controller?.abort();
    pollNow = null;
  };
}
