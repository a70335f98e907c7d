/**
 * Remote openEO back-ends jobs can run on ("Run on" in the processing panel): add, edit and remove
 * them (PUT /api/v1/settings replaces the list), sign in and out. The service keeps passwords and
 * tokens in the OS keychain (desktop) or a file only you can read; they never come back here.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RemoteBackendInput } from '../../../../electron/service/api/contract';
import { errorMessage } from '../../api/errors';
import { backendInput, putBackends } from '../../api/openeo-api';
import { useApiClient } from '../../app-services';
import { backendsReported, refreshBackends, useRemoteBackends, useRemoteBackendsError } from '../../state/remote-backends-store';
import { BackendForm } from './backend-form';
import { BackendRow } from './backend-row';

export function RemotePanel() {
  const client = useApiClient();
  const backends = useRemoteBackends();
  const loadError = useRemoteBackendsError();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => void refreshBackends(client), [client]);
  useEffect(() => {
    const controller = new AbortController();
    void refreshBackends(client, controller.signal);
    return () => controller.abort();
  }, [client]);

  /** Saves the list with `change` applied; the service's answer is the new list. */
  const save = async (change: (list: RemoteBackendInput[]) => RemoteBackendInput[]) => {
    const settings = await putBackends(client, change(backends.map(backendInput)));
    backendsReported(settings.openeo_backends);
  };
  const upsert = (entry: RemoteBackendInput) => save((list) => [...list.filter((other) => other.id !== entry.id), entry]);
  const remove = async (id: string) => {
    setError(null);
    try {
      await save((list) => list.filter((other) => other.id !== id));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="remote-panel" aria-label="Remote back-ends" data-testid="remote-panel">
      <p className="hint">
        Jobs too large for this workstation can run on an openEO back-end (Copernicus Data Space, EODC, Terrascope…). The result comes back into the cache like a local one.
      </p>
      {loadError && (
        <p className="error-text" role="alert">
          Remote back-ends unavailable: {loadError}
        </p>
      )}
      {backends.length === 0 && !loadError && <p className="panel-empty">No remote back-end yet.</p>}
      <ul className="jobs" data-testid="remote-list">
        {backends.map((backend) => (
          <BackendRow key={backend.id} backend={backend} onSave={upsert} onRemove={() => remove(backend.id)} onChanged={reload} />
        ))}
      </ul>
      {adding ? (
        <BackendForm onSave={async (entry) => { await upsert(entry); setAdding(false); }} onCancel={() => setAdding(false)} />
      ) : (
        <button type="button" data-testid="remote-add" onClick={() => setAdding(true)}>
          Add a back-end
        </button>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
