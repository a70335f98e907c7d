/**
 * What a job would use, before it runs: the scenes and observations the preview found, the
 * output grid and the local estimate; a refusal that names no field of the form; and, when the
 * preview suggests it, a note that the job looks large for this workstation with the remote
 * back-ends signed in (running there is issue 16's).
 */
import type { JobPreview } from '../../../../electron/service/api/contract';
import type { PreviewState } from './use-job-preview';

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function gridText(preview: JobPreview): string | null {
  const grid = preview.grid;
  if (!grid) return null;
  return `${grid.width.toLocaleString()} × ${grid.height.toLocaleString()} px at ${grid.resolution} ${/^EPSG:4326$/i.test(grid.crs) ? '°' : 'm'} (${grid.crs})`;
}

interface Props {
  preview: PreviewState;
  /** Set when the form is incomplete: what is missing, instead of a preview. */
  missing: string | null;
  /** The refusal's message when no field of the form shows it. */
  unplacedError: string | null;
  /** The field that shows the refusal, in words. */
  refusedField: string | null;
}

export function PreviewSummary({ preview, missing, unplacedError, refusedField }: Props) {
  if (missing) return <p className="hint" data-testid="area-missing">{missing}</p>;
  if (preview.state === 'idle') return null;
  if (preview.state === 'loading') return <p className="preview-summary" data-testid="area-preview" data-state="loading">Counting scenes…</p>;
  if (preview.state === 'error') {
    return (
      <p className="preview-summary preview-error" data-testid="area-preview" data-state="error">
        {unplacedError ?? `This job cannot run as it is: see ${refusedField ?? 'the field marked above'}.`}
      </p>
    );
  }
  const p = preview.preview;
  const seconds = p.estimate.local_seconds;
  const grid = gridText(p);
  return (
    <div className="preview-summary" data-testid="area-preview" data-state="ok" data-scenes={p.scenes.length}>
      <p>
        <strong data-testid="area-preview-scenes">{plural(p.scenes.length, 'scene')}</strong> will be used ({plural(p.observations, 'observation')})
        {grid && <span className="hint"> · {grid}</span>}
        {seconds !== null && seconds !== undefined && <span className="hint"> · about {duration(seconds)} here</span>}
      </p>
      {p.suggest_remote && (
        <p className="remote-note" data-testid="remote-note">
          Large for this workstation{p.suggest_remote_reasons.length > 0 ? `: ${p.suggest_remote_reasons.join('; ')}` : ''}.{' '}
          {p.remote_backends.length > 0
            ? `Remote back-ends signed in: ${p.remote_backends.join(', ')}; choose one under “Run on”.`
            : 'No remote openEO back-end is signed in.'}
        </p>
      )}
    </div>
  );
}
