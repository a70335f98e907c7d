/**
 * The time-series chart below the map: the job's progress (with its phase) while it runs, then
 * the chart of its result with the statistic to draw, reset zoom, CSV and PNG export; a marker
 * clicked on the chart selects its scene (loading it when the results do not hold it), and the
 * selected scene, wherever it was selected, is ringed on the chart.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import type { TimeseriesEntry } from '../../../../electron/service/api/contract';
import { errorMessage } from '../../api/errors';
import { isActive } from '../../api/jobs-api';
import { saveBlob } from '../../api/save-file';
import { useApiClient } from '../../app-services';
import { selectSceneById } from '../../search/select-scene';
import { useJob } from '../../state/jobs-store';
import { useSelectedId } from '../../state/selection-store';
import { chartStatisticChosen, timeseriesChartClosed, useChartJobId, useChartStatistic, type ChartStatistic } from '../../state/timeseries-chart-store';
import { ExportButton } from '../processing/export-button';
import { exportName, jobTitle } from '../processing/job-labels';
import { phaseText } from '../processing/job-phase';
import { ProgressBar } from '../shell/progress-bar';
import { chartModel, variablesOf } from './chart-data';
import { chartPng } from './chart-png';
import { ChartKey } from './chart-key';
import { TimeseriesChart } from './timeseries-chart';
import { useTimeseriesResult } from './use-timeseries-result';

const STATISTICS: ChartStatistic[] = ['mean', 'median', 'min', 'max', 'p10', 'p90'];

export function TimeseriesDock() {
  const jobId = useChartJobId();
  if (!jobId) return null;
  return <DockForJob key={jobId} jobId={jobId} />;
}

function DockForJob({ jobId }: { jobId: string }) {
  const client = useApiClient();
  const job = useJob(jobId);
  const statistic = useChartStatistic();
  // The selected scene (picked here, in the list or on the map) is ringed on the chart.
  const selectedId = useSelectedId();
  const result = useTimeseriesResult(jobId, job?.status === 'succeeded');
  const chart = useRef<uPlot | null>(null);
  const [zoomed, setZoomed] = useState(false);
  const [variable, setVariable] = useState<string | null>(null);
  const [note, setNote] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  const entries = useMemo<TimeseriesEntry[]>(() => (result.state === 'ok' ? result.value.entries : []), [result]);
  const variables = useMemo(() => variablesOf(entries), [entries]);
  const model = useMemo(() => chartModel(entries, statistic, variable ?? variables[0]), [entries, statistic, variable, variables]);

  const pick = useCallback(
    (entry: TimeseriesEntry) => {
      const scene = entry.scenes[0];
      if (!scene) return;
      setNote({ kind: 'info', text: `Selecting ${scene}…` });
      selectSceneById(client, scene).then(
        () => setNote({ kind: 'info', text: `Selected ${scene}` }),
        (error: unknown) => setNote({ kind: 'error', text: `Scene ${scene} could not be loaded: ${errorMessage(error)}` }),
      );
    },
    [client],
  );

  const title = job ? jobTitle(job) : `Time series ${jobId}`;
  const exportPng = async () => {
    if (!chart.current || !job) return;
    try {
      saveBlob(await chartPng(chart.current, model, title), exportName(job, 'png'));
      setNote({ kind: 'info', text: 'PNG download started' });
    } catch (error) {
      setNote({ kind: 'error', text: `PNG export failed: ${errorMessage(error)}` });
    }
  };
  const resetZoom = () => {
    const xs = model.xs;
    if (chart.current && xs.length > 0) chart.current.setScale('x', { min: xs[0], max: xs[xs.length - 1] });
  };

  const ready = result.state === 'ok' && job?.status === 'succeeded';
  return (
    <section className="timeseries-dock" data-testid="timeseries-dock" aria-label="Time series chart" data-state={ready ? 'ready' : (job?.status ?? 'unknown')}>
      <header className="dock-head">
        <span className="dock-title" title={title}>
          {title}
        </span>
        {ready && <ChartKey model={model} />}
        {ready && variables.length > 1 && (
          <select aria-label="Variable" value={model.variable} onChange={(e) => setVariable(e.target.value)}>
            {variables.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        )}
        {ready && (
          <select data-testid="chart-statistic" aria-label="Statistic" value={statistic} onChange={(e) => chartStatisticChosen(e.target.value as ChartStatistic)}>
            {STATISTICS.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        )}
        {ready && (
          <button type="button" data-testid="chart-reset-zoom" disabled={!zoomed} onClick={resetZoom} title="Or double-click the chart; drag across it to zoom">
            Reset zoom
          </button>
        )}
        {ready && job && <ExportButton job={job} format="csv" />}
        {ready && (
          <button type="button" data-testid="export-png" onClick={exportPng}>
            Export PNG…
          </button>
        )}
        <button type="button" className="link-button" aria-label="Close the chart" data-testid="chart-close" onClick={timeseriesChartClosed}>
          ×
        </button>
      </header>
      {note && (
        <p className={note.kind === 'error' ? 'error-text dock-note' : 'hint dock-note'} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="chart-note">
          {note.text}
        </p>
      )}
      <div className="dock-body">
        {!job && <p className="panel-empty">Waiting for the job…</p>}
        {job && isActive(job) && (
          <div className="dock-progress">
            <ProgressBar value={job.progress} status={job.status} label={title} />
            <p className="job-phase" data-testid="chart-phase">
              {phaseText(job.progress_detail) ?? (job.status === 'queued' ? 'Waiting to start' : 'Working')}
            </p>
          </div>
        )}
        {job && (job.status === 'failed' || job.status === 'cancelled') && (
          <p className="error-text" role="alert">
            The time series {job.status === 'failed' ? `failed: ${job.error?.message ?? 'no reason given'}` : 'was cancelled.'}
          </p>
        )}
        {job?.status === 'succeeded' && result.state === 'loading' && <p className="panel-empty">Loading the result…</p>}
        {job?.status === 'succeeded' && result.state === 'error' && (
          <p className="error-text" role="alert">
            The result could not be read: {result.message}
          </p>
        )}
        {ready && model.count === 0 && <p className="panel-empty">No acquisitions in this period.</p>}
        {ready && model.count > 0 && (
          <TimeseriesChart model={model} yLabel={`${model.variable} ${statistic}`} statistic={statistic} pickedSceneId={selectedId} onPick={pick} chartRef={chart} onZoomChange={setZoomed} />
        )}
      </div>
    </section>
  );
}
