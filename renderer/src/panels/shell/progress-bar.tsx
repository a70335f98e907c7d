/** A job's progress, 0..1, with its status in words. */
import type { JobStatus } from '../../../../electron/service/api/contract';

export function ProgressBar({ value, status, label }: { value: number; status: JobStatus; label: string }) {
  const percent = Math.round(Math.max(0, Math.min(1, value || 0)) * 100);
  return (
    <div className={`progress progress-${status}`} data-testid="progress">
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress-fill" style={{ width: `${status === 'succeeded' ? 100 : percent}%` }} />
      </div>
      <span className="progress-text">{status === 'running' || status === 'queued' ? `${status} · ${percent} %` : status}</span>
    </div>
  );
}
