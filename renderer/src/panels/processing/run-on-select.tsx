/** "Run on": this workstation, or one of the remote openEO back-ends someone signed in to (Remote tab). */
import { useEffect } from 'react';
import { useApiClient } from '../../app-services';
import { refreshBackends, useSignedInBackends } from '../../state/remote-backends-store';

export const LOCAL = 'local';

export function RunOnSelect({ value, onChange }: { value: string; onChange: (on: string) => void }) {
  const client = useApiClient();
  const backends = useSignedInBackends();
  useEffect(() => {
    const controller = new AbortController();
    void refreshBackends(client, controller.signal);
    return () => controller.abort();
  }, [client]);
  // A back-end signed out (or removed) meanwhile: back to local.
  useEffect(() => {
    if (value !== LOCAL && !backends.some((backend) => backend.id === value)) onChange(LOCAL);
  }, [backends, value, onChange]);
  if (backends.length === 0) return null;
  return (
    <label className="field">
      <span className="field-label">Run on</span>
      <select data-testid="job-run-on" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value={LOCAL}>This workstation</option>
        {backends.map((backend) => (
          <option key={backend.id} value={backend.id}>
            {backend.title ?? backend.id} (openEO)
          </option>
        ))}
      </select>
    </label>
  );
}
