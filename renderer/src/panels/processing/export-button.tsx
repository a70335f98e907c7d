/**
 * "Export GeoTIFF…" (a raster result) or "Export CSV…" (a time series): the native save dialog in
 * the desktop app, a download in a browser.
 */
import { useState } from 'react';
import type { Job } from '../../../../electron/service/api/contract';
import { errorMessage } from '../../api/errors';
import { resultCsvPath, resultPath } from '../../api/jobs-api';
import { saveServiceFile } from '../../api/save-file';
import { useApiClient } from '../../app-services';
import { exportName } from './job-labels';

const FORMATS = {
  tif: { path: resultPath, label: 'Export GeoTIFF…', testId: 'export-geotiff', statusTestId: 'export-status' },
  csv: { path: resultCsvPath, label: 'Export CSV…', testId: 'export-csv', statusTestId: 'export-csv-status' },
} as const;

export function ExportButton({ job, format = 'tif' }: { job: Job; format?: keyof typeof FORMATS }) {
  const client = useApiClient();
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; text?: string }>({ kind: 'idle' });
  const how = FORMATS[format];
  const save = async () => {
    setState({ kind: 'saving' });
    try {
      const outcome = await saveServiceFile(client, how.path(job), exportName(job, format));
      setState(outcome.saved ? { kind: 'saved', text: outcome.path ? `Saved to ${outcome.path}` : 'Download started' } : { kind: 'idle' });
    } catch (e) {
      setState({ kind: 'error', text: errorMessage(e) });
    }
  };
  return (
    <span className="export">
      <button type="button" data-testid={how.testId} onClick={save} disabled={state.kind === 'saving'}>
        {state.kind === 'saving' ? 'Exporting…' : how.label}
      </button>
      {state.kind === 'saved' && (
        <span className="hint" data-testid={how.statusTestId}>
          {state.text}
        </span>
      )}
      {state.kind === 'error' && (
        <span className="error-text" role="alert">
          Export failed: {state.text}
        </span>
      )}
    </span>
  );
}
