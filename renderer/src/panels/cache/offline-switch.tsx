/** "Work offline": the service's runtime switch; hidden when the service has none. */
import { useEffect, useState } from 'react';
import { getSettings, putSettings } from '../../api/cache-api';
import { errorMessage, isAbortError } from '../../api/errors';
import { useApiClient } from '../../app-services';
import { offlineModeReported } from '../../state/connectivity-store';
import { refreshHealth } from '../../state/health-polling';

export function OfflineSwitch({ onChanged }: { onChanged: () => void }) {
  const client = useApiClient();
  const [offline, setOffline] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getSettings(client, controller.signal).then(
      (s) => {
        setOffline(s.offline);
        offlineModeReported(s.offline);
      },
      (e: unknown) => {
        if (!isAbortError(e)) setOffline(null);
      },
    );
    return () => controller.abort();
  }, [client]);

  if (offline === null) return null;
  const toggle = async (next: boolean) => {
    setError(null);
    // Optimistic: the box follows the click at once and is put back if the service refuses.
    const previous = offline;
    setOffline(next);
    try {
      const settings = await putSettings(client, { offline: next });
      setOffline(settings.offline);
      offlineModeReported(settings.offline);
      refreshHealth();
      onChanged();
    } catch (e) {
      setOffline(previous);
      setError(errorMessage(e));
    }
  };
  return (
    <div className="offline-switch">
      <label className="check">
        <input type="checkbox" data-testid="work-offline" checked={offline} onChange={(e) => void toggle(e.target.checked)} />
        Work offline (answer only from the cache)
      </label>
      {error && <p className="error-text">{error}</p>}
    </div>
  );
}
