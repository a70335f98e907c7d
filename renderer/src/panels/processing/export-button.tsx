/** "Export GeoTIFF…": the native save dialog in the desktop app, a download in a browser. */
import { useState } from 'react';
import type { Job } from '../../../../electron/service/api/contract';
import { errorMessage } from '../../api/errors';
import { resultPath } from '../../api/jobs-api';
import { saveServiceFile } from '../../api/save-file';
import { useApiClient } from '../../app-services';
import { exportName } from './job-labels';

export function ExportButton({ job }: { job: Job }) {
  const client = useApiClient();
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; text?: string }>({ kind: 'idle' });
  const save = async () => {
    setState({ kind: 'saving' });
    try {
      const outcome = await saveServiceFile(client, resultPath(job), exportName(job));
      setState(outcome.saved ? { kind: 'saved', text: outcome.path ? `Saved to ${outcome.path}` : 'Download started' } : { kind: 'idle' });
    } catch (e) {
      setState({ kind: 'error', text: errorMessage(e) });
    }
  };
  return (
    <span className="export">
      <button type="button" data-testid="export-geotiff" onClick={save} disabled={state.kind === 'saving'}>
        {state.kind === 'saving' ? 'Exporting…' : 'Export GeoTIFF…'}
      </button>
      {state.kind === 'saved' && <span className="hint" data-testid="export-status">{state.text}</span>}
      {state.kind === 'error' && (
        <span className="error-text" role="alert">
          Export failed: {state.text}
        </span>
      )}
    </span>
  );
}
