/**
 * The remote openEO back-ends as the settings last reported them (never a secret): the Remote
 * panel edits them, the job form offers the signed-in ones as "Run on".
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { RemoteBackendView } from '../../../electron/service/api/contract';
import { getSettings } from '../api/cache-api';
import type { ApiClient } from '../api/client';
import { errorMessage, isAbortError } from '../api/errors';

interface RemoteBackendsState {
  backends: RemoteBackendView[];
  loaded: boolean;
  error: string | null;
}

const useRemoteBackendsStore = create<RemoteBackendsState>()(() => ({ backends: [], loaded: false, error: null }));

export function backendsReported(backends: RemoteBackendView[]): void {
  useRemoteBackendsStore.setState({ backends, loaded: true, error: null });
}

/** Reads the settings again; a failure is kept to show (the list stays as it was). */
export async function refreshBackends(client: ApiClient, signal?: AbortSignal): Promise<void> {
  try {
    backendsReported((await getSettings(client, signal)).openeo_backends ?? []);
  } catch (error) {
    if (!isAbortError(error)) useRemoteBackendsStore.setState({ error: errorMessage(error), loaded: true });
  }
}

export const useRemoteBackends = () => useRemoteBackendsStore((s) => s.backends);
export const useRemoteBackendsError = () => useRemoteBackendsStore((s) => s.error);
export function useSignedInBackends(): RemoteBackendView[] {
  const backends = useRemoteBackends();
  return useMemo(() => backends.filter((backend) => backend.signed_in), [backends]);
}
