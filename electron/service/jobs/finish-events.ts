/**
 * Waiting for a job to finish (JobQueue.whenFinished): the queue announces every job that reaches
 * a terminal state (`notify`), and a waiter re-reads the job's row on each announcement. Used by
 * the openEO back-end's synchronous results and its discarded runs.
 */
import { EventEmitter } from 'node:events';
import { AppError, notFound } from '../api/errors';
import { isTerminal, rowToJob, type JobRow } from './job-record';
import type { Job } from './types';

export class FinishEvents {
  private readonly events = new EventEmitter().setMaxListeners(0);

  notify(id: string): void {
    this.events.emit('finished', id);
  }

  /**
   * Resolves with the job once `find(id)` shows it finished; rejects with 404 when it is gone,
   * with 503 when `stop` (the queue's shutdown) aborts first, and with `signal`'s reason.
   */
  wait(id: string, find: (id: string) => JobRow | undefined, stop: AbortSignal, signal?: AbortSignal): Promise<Job> {
    return new Promise((resolve, reject) => {
      const stopped = () => settle(() => reject(new AppError('service_unavailable', 'the service is shutting down; the job will go on when it starts again')));
      const aborted = () => settle(() => reject(signal?.reason));
      const onFinished = (finished: string) => {
        if (finished === id) look();
      };
      const settle = (answer: () => void) => {
        this.events.off('finished', onFinished);
        stop.removeEventListener('abort', stopped);
        signal?.removeEventListener('abort', aborted);
        answer();
      };
      const look = () => {
        const row = find(id);
        if (!row) settle(() => reject(notFound(`no job with id ${id}`)));
        else if (isTerminal(row.status)) settle(() => resolve(rowToJob(row)));
      };
      this.events.on('finished', onFinished);
      stop.addEventListener('abort', stopped, { once: true });
      signal?.addEventListener('abort', aborted, { once: true });
      if (stop.aborted) stopped();
      else if (signal?.aborted) aborted();
      else look();
    });
  }
}
