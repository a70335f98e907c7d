/** What a failed job reports as `error`: the catalogue code and message of an AppError, or a generic one. */
import { isAppError } from '../api/errors';
import { diskFullError, isDiskFullError } from '../storage/disk-full';
import type { JobError } from './types';

export const INTERNAL_JOB_ERROR: JobError = {
  code: 'internal',
  message: 'the job failed because of an internal error; see the service log',
};

export const INTERRUPTED_JOB_ERROR: JobError = {
  code: 'internal',
  message: 'interrupted by a restart of the service before it finished; submit it again',
};

export function givenUpJobError(attempts: number): JobError {
  return { code: 'internal', message: `interrupted by a restart ${attempts} times; not resumed again` };
}

/**
 * AppError → its code, message and details (a remote failure's reason, back-end and log lines);
 * a full disk (wherever it was noticed) → insufficient_storage; anything else → a generic message
 * (the stack goes to the log only).
 */
export function jobErrorOf(error: unknown): { jobError: JobError; expected: boolean } {
  if (isDiskFullError(error)) {
    const full = diskFullError(error);
    return { jobError: { code: full.code, message: full.message }, expected: true };
  }
  if (isAppError(error)) return { jobError: { ...error.details, code: error.code, message: error.message }, expected: true };
  return { jobError: INTERNAL_JOB_ERROR, expected: false };
}
