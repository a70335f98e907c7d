/**
 * One job: what it is, its live progress (with the phase an area job is in), cancel while it
 * runs; show and export its result when done — a raster as a layer and GeoTIFF, a time series as
 * the chart below the map and CSV.
 */
import { useState } from 'react';
import type { Job } from '../../../../electron/service/api/contract';
import { errorMessage } from '../../api/errors';
import { cancelJob, isActive } from '../../api/jobs-api';
import { useApiClient } from '../../app-services';
import { jobsChanged } from '../../state/jobs-polling';
import { overlayRequested, overlayVisibilityToggled, useOverlay } from '../../state/overlays-store';
import { timeseriesChartOpened, useChartJobId } from '../../state/timeseries-chart-store';
import { formatDateTime } from '../../util/format';
import { ProgressBar } from '../shell/progress-bar';
import { ExportButton } from './export-button';
import { jobTitle, resultOverlayId, resultOverlaySpec } from './job-labels';
import { phaseText } from './job-phase';
import { RemoteStatus } from './remote-status';

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));

export function JobRow({ job }: { job: Job }) {
  const client = useApiClient();
  const overlay = useOverlay(resultOverlayId(job.id));
  const chartJobId = useChartJobId();
  const [error, setError] = useState<string | null>(null);
  const spec = resultOverlaySpec(job);
  const title = jobTitle(job);
  const stats = job.result?.stats;
  const phase = isActive(job) ? phaseText(job.progress_detail) : null;
  const timeseries = job.type === 'timeseries';

  const cancel = async () => {
    setError(null);
    try {
      await cancelJob(client, job.id);
      jobsChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <li className={`job job-${job.status}`} data-testid="job-row" data-job-id={job.id} data-job-status={job.status}>
      <div className="job-head">
        <span className="job-title" title={job.id}>
          {title}
        </span>
        <span className="job-time">{formatDateTime(job.created_at)}</span>
      </div>
      <ProgressBar value={job.progress} status={job.status} label={title} />
      {phase && (
        <p className="job-phase" data-testid="job-phase">
          {phase}
        </p>
      )}
      {job.status === 'failed' && <p className="error-text">{job.error?.message ?? 'The job failed.'}</p>}
      <RemoteStatus job={job} />
      {stats && !timeseries && (
        <p className="job-stats" data-testid="job-stats">
          min {fmt(stats.min)} · max {fmt(stats.max)} · mean {fmt(stats.mean)} · valid {(stats.valid_fraction * 100).toFixed(0)} %
        </p>
      )}
      <div className="job-actions">
        {isActive(job) && (
          <button type="button" data-testid="job-cancel" onClick={cancel}>
            Cancel
          </button>
        )}
        {spec &&
          (overlay ? (
            <button type="button" data-testid="job-toggle-layer" onClick={() => overlayVisibilityToggled(overlay.id)}>
              {overlay.visible ? 'Hide layer' : 'Show layer'}
            </button>
          ) : (
            <button type="button" data-testid="job-show-layer" onClick={() => overlayRequested(resultOverlayId(job.id), title, spec)}>
              Show on map
            </button>
          ))}
        {spec && <ExportButton job={job} />}
        {timeseries && job.status === 'succeeded' && (
          <>
            <button type="button" data-testid="job-show-chart" disabled={chartJobId === job.id} onClick={() => timeseriesChartOpened(job.id)}>
              {chartJobId === job.id ? 'Chart shown' : 'Show chart'}
            </button>
            <ExportButton job={job} format="csv" />
          </>
        )}
      </div>
      {overlay?.status === 'failed' && <p className="error-text">Layer failed: {overlay.error}</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
