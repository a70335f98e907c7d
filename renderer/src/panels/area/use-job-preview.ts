/**
 * The preview of the job a form would submit (POST /api/v1/jobs/preview): asked 400 ms after the
 * last change, a newer request cancelling the older one, so "N scenes will be used" and any
 * refusal (naming its field) are shown before anything runs.
 */
import { useEffect, useState } from 'react';
import type { JobPreview, JobRequest } from '../../../../electron/service/api/contract';
import { isApiError } from '../../api/client';
import { errorMessage, isAbortError } from '../../api/errors';
import { previewJob } from '../../api/jobs-api';
import { useApiClient } from '../../app-services';

const DEBOUNCE_MS = 400;

export type PreviewState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ok'; preview: JobPreview }
  | { state: 'error'; message: string; parameter?: string; status: number };

export function useJobPreview(request: JobRequest | null): PreviewState {
  const client = useApiClient();
  const key = request ? JSON.stringify(request) : null;
  const [answer, setAnswer] = useState<{ key: string | null; value: PreviewState }>({ key: null, value: { state: 'idle' } });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      previewJob(client, JSON.parse(key) as JobRequest, controller.signal).then(
        (preview) => setAnswer({ key, value: { state: 'ok', preview } }),
        (error: unknown) => {
          if (isAbortError(error)) return;
          const api = isApiError(error) ? error : null;
          setAnswer({ key, value: { state: 'error', message: errorMessage(error), parameter: api?.parameter, status: api?.status ?? 0 } });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, key]);

  if (key === null) return { state: 'idle' };
  return answer.key === key ? answer.value : { state: 'loading' };
}
