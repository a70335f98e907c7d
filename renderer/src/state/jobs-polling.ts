/**
 * Keeps the jobs store current: the list every 10 s, and each active job every second until it
 * finishes. `jobSubmitted` starts following a new job at once.
 */
import { isApiError, type ApiClient } from '../api/client';
import { errorMessage, isAbortError } from '../api/errors';
import { getJob, isActive, listJobs } from '../api/jobs-api';
import { getJobs, jobsListed, jobsListFailed, jobUpdated } from './jobs-store';

const ACTIVE_MS = 1000;
const IDLE_MS = 10_000;

let poke: (() => void) | null = null;

export function startJobsPolling(client: ApiClient): () => void {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastList = 0;
  let running = false;

  const tick = async () => {
    if (running) return;
    running = true;
    timer = null;
    try {
      if (Date.now() - lastList >= IDLE_MS) {
        lastList = Date.now();
        try {
          jobsListed((await listJobs(client, controller.signal)).jobs);
        } catch (error) {
          if (isAbortError(error)) return;
          jobsListFailed(errorMessage(error));
        }
      }
      const active = getJobs().filter(isActive);
      await Promise.all(
        active.map((job) =>
          getJob(client, job.id, controller.signal).then(jobUpdated, (error: unknown) => {
            // A job the service no longer knows is over; anything else is retried next round.
            if (isApiError(error) && error.status === 404) jobUpdated({ ...job, status: 'failed', error: { code: 'not_found', message: errorMessage(error) } });
          }),
        ),
      );
    } finally {
      running = false;
      if (!controller.signal.aborted) schedule();
    }
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    const wait = getJobs().some(isActive) ? ACTIVE_MS : Math.max(0, IDLE_MS - (Date.now() - lastList));
    timer = setTimeout(() => void tick(), wait);
  };
  poke = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void tick(), 0);
  };
  void tick();
  return () => {
    controller.abort();
    if (timer !== null) clearTimeout(timer);
    poke = null;
  };
}

/** Follow a job the user just started (or cancelled) without waiting for the next round. */
export function jobsChanged(): void {
  poke?.();
}
