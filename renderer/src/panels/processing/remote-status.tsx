/**
 * What a job on a remote openEO back-end is doing there: the remote status and progress, the
 * back-end's estimate (costs, duration, size) when it offers one, and on failure the remote error's
 * log lines — with a way to the Remote tab when the back-end wants a new sign-in.
 */
import type { Job } from '../../../../electron/service/api/contract';
import { inspectorTabChosen } from '../../state/inspector-store';
import { formatBytes } from '../../util/format';

/** "PT2H30M" → "2 h 30 min" (ISO 8601 durations as openEO gives them); other text as it is. */
export function formatDuration(iso: string): string {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!match) return iso;
  const [, d, h, m, s] = match;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`, s && `${Math.round(Number(s))} s`].filter(Boolean);
  return parts.length ? parts.join(' ') : iso;
}

function estimateText(estimate: NonNullable<Job['remote']>['estimate']): string | null {
  if (!estimate) return null;
  const parts = [
    estimate.costs !== undefined ? `costs ${estimate.costs}` : null,
    estimate.duration ? `about ${formatDuration(estimate.duration)}` : null,
    estimate.size !== undefined ? formatBytes(estimate.size) : null,
  ].filter(Boolean);
  return parts.length ? `Back-end estimate: ${parts.join(' · ')}` : null;
}

export function RemoteStatus({ job }: { job: Job }) {
  const remote = job.remote;
  if (!remote) return null;
  const progress = remote.progress !== null ? ` · ${Math.round(remote.progress)} %` : '';
  const estimate = estimateText(remote.estimate);
  const lines = job.error?.remote_logs ?? remote.logs.filter((line) => line.level === 'error' || line.level === 'warning');
  return (
    <div className="remote-status" data-testid="job-remote">
      <p className="hint" data-testid="job-remote-status">
        On {remote.backend}: {remote.status ?? 'submitting'}
        {progress}
        {remote.job_id ? <span className="mono"> · {remote.job_id}</span> : null}
      </p>
      {estimate && <p className="hint" data-testid="job-remote-estimate">{estimate}</p>}
      {job.status === 'failed' && lines.length > 0 && (
        <details className="remote-log" open>
          <summary>Log of the remote job</summary>
          <ul data-testid="job-remote-log">
            {lines.slice(-10).map((line, i) => (
              <li key={i} className={`log-${line.level}`}>
                [{line.level}] {line.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {job.status === 'failed' && job.error?.reason === 'sign_in_required' && (
        <button type="button" data-testid="job-remote-sign-in" onClick={() => inspectorTabChosen('remote')}>
          Sign in to {remote.backend} again
        </button>
      )}
    </div>
  );
}
