/**
 * Whether the queue takes another job: at most `maxQueuedPerKey` unfinished (queued or running)
 * jobs per key → else 429, at most `maxQueuedTotal` in all → else 503 (both with Retry-After), and
 * enough free space on the data dir's volume for the job's storage estimate on top of what the
 * unfinished jobs reserve, without going below `diskReserveBytes` → else 507. The error bodies say
 * which limit was hit (`limit`) and its value.
 */
import { AppError } from '../api/errors';
import type { FreeSpaceProbe } from '../storage/free-space';
import type { JobStore } from './job-store';

export interface AdmissionLimits {
  maxQueuedPerKey: number;
  maxQueuedTotal: number;
  diskReserveBytes: number;
}

/** A job slot frees up when a job ends; jobs take seconds to minutes. */
export const QUEUE_RETRY_AFTER_SECONDS = 30;

/** An AppError that tells the client when to try again (Retry-After). */
export class QueueFullError extends AppError {
  readonly retryAfterSeconds = QUEUE_RETRY_AFTER_SECONDS;
}

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MiB`;

export class JobAdmission {
  constructor(
    private readonly store: JobStore,
    private readonly limits: AdmissionLimits,
    private readonly freeSpace: FreeSpaceProbe,
    private readonly dataDir: string,
  ) {}

  /** Throws when `owner` or the service already has as many unfinished jobs as allowed. */
  checkQueue(owner: string | null): void {
    const { maxQueuedPerKey, maxQueuedTotal } = this.limits;
    if (this.store.countUnfinished(owner) >= maxQueuedPerKey) {
      throw new QueueFullError('rate_limited', `this key already has ${maxQueuedPerKey} unfinished jobs (the per-key limit); wait for one to finish or cancel one`, {
        details: { limit: 'queued_per_key', max: maxQueuedPerKey },
      });
    }
    if (this.store.countUnfinished() >= maxQueuedTotal) {
      throw new QueueFullError('service_unavailable', `the service already has ${maxQueuedTotal} unfinished jobs (the total limit); try again later`, {
        details: { limit: 'queued_total', max: maxQueuedTotal },
      });
    }
  }

  /**
   * Free bytes of the data dir's volume now (the one asynchronous step of admission). A volume
   * that cannot tell (the probe fails) is not held against the job: the write itself would then
   * fail cleanly as on a full disk.
   */
  freeBytes(): Promise<number> {
    return this.freeSpace(this.dataDir).catch(() => Number.POSITIVE_INFINITY);
  }

  /** Throws 507 when `estimate` more bytes would leave less than the reserve free. Synchronous: call it right before inserting. */
  checkStorage(freeBytes: number, estimate: number): void {
    const reserved = this.store.reservedBytes();
    const left = freeBytes - reserved - estimate;
    if (left >= this.limits.diskReserveBytes) return;
    const others = reserved > 0 ? `, ${mib(reserved)} of it set aside for unfinished jobs` : '';
    throw new AppError('insufficient_storage', `not enough disk space for this job: it may need up to ${mib(estimate)}, the data dir's disk has ${mib(freeBytes)} free${others}, and ${mib(this.limits.diskReserveBytes)} must stay free (ASTRA_DISK_RESERVE_BYTES)`, {
      details: { limit: 'disk_reserve', needed_bytes: Math.ceil(estimate), free_bytes: freeBytes, reserved_bytes: reserved, reserve_bytes: this.limits.diskReserveBytes },
    });
  }
}
