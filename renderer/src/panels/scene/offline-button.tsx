/** "Make available offline": a cache job for the scene's viewing and NDVI bands, with its progress. */
import { useState } from 'react';
import type { StacItem } from '../../../../electron/service/api/contract';
import { errorMessage } from '../../api/errors';
import { makeOffline } from '../../api/cache-api';
import { useApiClient } from '../../app-services';
import { offlineBands } from '../../map/raster/preview-plan';
import { useJob } from '../../state/jobs-store';
import { jobsChanged } from '../../state/jobs-polling';
import { jobUpdated } from '../../state/jobs-store';
import { getMapArea } from '../../state/map-area-store';
import { ProgressBar } from '../shell/progress-bar';

export function OfflineButton({ item }: { item: StacItem }) {
  const client = useApiClient();
  const [started, setStarted] = useState<{ sceneId: string; jobId: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const jobId = started?.sceneId === item.id ? started.jobId : null;
  const job = useJob(jobId);

  const start = async () => {
    setError(null);
    try {
      const aoi = getMapArea().aoi;
      const accepted = await makeOffline(client, { scene: item.id, bands: offlineBands(item), ...(aoi ? { bbox: aoi } : {}) });
      setStarted({ sceneId: item.id, jobId: accepted.id });
      const now = new Date().toISOString();
      jobUpdated({ id: accepted.id, type: 'offline', status: accepted.status, progress: 0, created_at: now, started_at: null, finished_at: null, params: { scene: item.id }, links: accepted.links ?? [] });
      jobsChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const active = job && (job.status === 'queued' || job.status === 'running');
  return (
    <div className="offline-download" data-testid="offline-download">
      <button type="button" data-testid="make-offline" onClick={start} disabled={Boolean(active)}>
        {job?.status === 'succeeded' ? 'Available offline ✓' : 'Make available offline'}
      </button>
      {job && (active || job.status !== 'succeeded') && <ProgressBar value={job.progress} status={job.status} label="Offline copy" />}
      {job?.status === 'failed' && <p className="error-text">Offline copy failed: {job.error?.message ?? 'unknown error'}</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
