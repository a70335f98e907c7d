/** A succeeded time-series job's result.json, loaded once per job (a new job cancels the old request). */
import { useEffect, useState } from 'react';
import type { TimeseriesResult } from '../../../../electron/service/api/contract';
import { errorMessage, isAbortError } from '../../api/errors';
import { getTimeseriesResult } from '../../api/jobs-api';
import { useApiClient } from '../../app-services';
import type { Loadable } from '../scene/use-scene-details';

export function useTimeseriesResult(jobId: string | null, succeeded: boolean): Loadable<TimeseriesResult> {
  const client = useApiClient();
  const [loaded, setLoaded] = useState<{ jobId: string | null; value: Loadable<TimeseriesResult> }>({ jobId: null, value: { state: 'loading' } });

  useEffect(() => {
    if (!jobId || !succeeded) return;
    const controller = new AbortController();
    getTimeseriesResult(client, jobId, controller.signal).then(
      (result) => setLoaded({ jobId, value: { state: 'ok', value: result } }),
      (error: unknown) => {
        if (!isAbortError(error)) setLoaded({ jobId, value: { state: 'error', message: errorMessage(error) } });
      },
    );
    return () => controller.abort();
  }, [client, jobId, succeeded]);

  return loaded.jobId === jobId ? loaded.value : { state: 'loading' };
}
