/**
 * A time series at a point picked on the map or over the drawn area: index (or expression, or a
 * band), period and step, which scenes count. Run submits a `timeseries` job and opens the chart
 * below the map, which follows the job's progress and then draws its result.
 */
import type { FormEvent } from 'react';
import type { TimeseriesPeriod } from '../../../../electron/service/api/contract';
import { timeseriesRequest } from '../../area/area-requests';
import { timeseriesFormEdited, useTimeseriesForm } from '../../state/area-form-store';
import { pointCleared, pointPickingStarted, pointPickingStopped, useAoi, usePickingPoint, usePoint } from '../../state/map-area-store';
import { timeseriesChartOpened } from '../../state/timeseries-chart-store';
import { formatBbox, formatLonLat } from '../../util/format';
import { PeriodPicker } from '../area/period-picker';
import { placePreviewError } from '../area/preview-errors';
import { PreviewSummary } from '../area/preview-summary';
import { SceneFilterFields } from '../area/scene-filter-fields';
import { useJobPreview } from '../area/use-job-preview';
import { VariablePicker } from '../area/variable-picker';
import { useJobSubmission } from '../processing/submit-job';

const STEPS: Array<{ id: TimeseriesPeriod; title: string }> = [
  { id: 'day', title: 'Each acquisition day' },
  { id: 'week', title: 'Weekly' },
  { id: 'month', title: 'Monthly' },
];

const PLACEABLE = ['aoi', 'period', 'variable', 'cloud', 'sources', 'options'] as const;

export function TimeseriesFormView() {
  const form = useTimeseriesForm();
  const aoi = useAoi();
  const point = usePoint();
  const picking = usePickingPoint();
  const { busy, error, submit: submitRequest } = useJobSubmission();

  const built = timeseriesRequest(form, { aoi, point });
  const preview = useJobPreview(built.ok ? built.request : null);
  const placed = placePreviewError(preview, PLACEABLE);
  const refused = preview.state === 'error' && preview.status >= 400 && preview.status < 500;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!built.ok) return;
    const id = await submitRequest(built.request);
    if (id) timeseriesChartOpened(id);
  };

  return (
    <form className="job-form timeseries-form" onSubmit={submit} aria-label="Time series" noValidate>
      <div className="segmented" role="radiogroup" aria-label="Where">
        {(['aoi', 'point'] as const).map((target) => (
          <label key={target} className={form.target === target ? 'active' : ''}>
            <input type="radio" name="ts-target" data-testid={`ts-target-${target}`} checked={form.target === target} onChange={() => timeseriesFormEdited({ target })} />
            {target === 'aoi' ? 'Over the drawn area' : 'At a point'}
          </label>
        ))}
      </div>
      {form.target === 'aoi' ? (
        <p className={`area-line${placed.fields.aoi ? ' field-error' : ''}`} data-testid="ts-where">
          <span className="field-label">Area</span> {aoi ? `AOI ${formatBbox(aoi)}` : 'none — draw one on the map'}
          {placed.fields.aoi && <span role="alert"> · {placed.fields.aoi}</span>}
        </p>
      ) : (
        <div className="area-line" data-testid="ts-where">
          <span className="field-label">Point</span> {point ? formatLonLat(point) : picking ? 'click the map…' : 'none'}
          <button type="button" data-testid="ts-pick-point" onClick={picking ? pointPickingStopped : pointPickingStarted}>
            {picking ? 'Cancel' : point ? 'Pick again' : 'Pick on map'}
          </button>
          {point && !picking && (
            <button type="button" className="link-button" aria-label="Clear the point" onClick={pointCleared}>
              ×
            </button>
          )}
          {placed.fields.aoi && <span className="field-error" role="alert"> {placed.fields.aoi}</span>}
        </div>
      )}
      <PeriodPicker label="Period" testId="ts-period" value={form.period} onChange={(period) => timeseriesFormEdited({ period })} error={placed.fields.period} />
      <label className="field">
        <span className="field-label">One value per</span>
        <select data-testid="ts-step" value={form.step} onChange={(e) => timeseriesFormEdited({ step: e.target.value as TimeseriesPeriod })}>
          {STEPS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <VariablePicker testId="ts-variable" value={form.variable} modes={['index', 'expression', 'band']} onChange={(variable) => timeseriesFormEdited({ variable })} error={placed.fields.variable} />
      <SceneFilterFields testId="ts" value={form} onChange={timeseriesFormEdited} errors={placed.fields} />
      <PreviewSummary preview={preview} missing={built.ok ? null : built.missing} unplacedError={placed.unplaced} refusedField={placed.refusedField} />
      <button type="submit" className="primary" data-testid="ts-submit" disabled={!built.ok || busy || refused}>
        {busy ? 'Starting…' : 'Run time series'}
      </button>
      {error && (
        <p className="error-text" role="alert" data-testid="ts-error">
          {error}
        </p>
      )}
    </form>
  );
}
