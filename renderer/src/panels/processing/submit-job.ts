/** Submits a job and shows it in the list at once (queued), before the next poll of the service. */
import { useState } from 'react';
import type { JobRequest } from '../../../../electron/service/api/contract';
import type { ApiClient } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { createJob } from '../../api/jobs-api';
import { useApiClient } from '../../app-services';
import { jobsChanged } from '../../state/jobs-polling';
import { jobUpdated } from '../../state/jobs-store';

async function submitJob(client: ApiClient, request: JobRequest): Promise<string> {
  const accepted = await createJob(client, request);
  const { type, ...params } = request;
  const now = new Date().toISOString();
  jobUpdated({ id: accepted.id, type, status: accepted.status, progress: 0, created_at: now, started_at: null, finished_at: null, params, links: accepted.links ?? [] });
  jobsChanged();
  return accepted.id;
}

export interface JobSubmission {
  busy: boolean;
  /** Why the last submission was refused, as the form shows it. */
  error: string | null;
  /** Submits `request`; the new job's id, or null when it was refused (then `error` says why). */
  submit(request: JobRequest): Promise<string | null>;
}

/** A form's submission: busy while it is sent, the refusal's message when there is one. */
export function useJobSubmission(): JobSubmission {
  const client = useApiClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (request: JobRequest): Promise<string | null> => {
    setBusy(true);
    setError(null);
    try {
      return await submitJob(client, request);
    } catch (e) {
      setError(errorMessage(e));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
