/**
 * Composite and period change over the drawn area: period pickers with quick choices, what each
 * observation gives, the reducer, which scenes count; the preview says how many scenes will be
 * used (or why the job cannot run) before anything is queued.
 */
import { useState, type FormEvent } from 'react';
import { compositeRequest, periodChangeRequest } from '../../area/area-requests';
import { areaFormEdited, useAreaJobForm, type AreaJobForm } from '../../state/area-form-store';
import { useAoi } from '../../state/map-area-store';
import { formatBbox } from '../../util/format';
import { LOCAL, RunOnSelect } from '../processing/run-on-select';
import { useJobSubmission } from '../processing/submit-job';
import { PeriodPicker } from './period-picker';
import { placePreviewError } from './preview-errors';
import { PreviewSummary } from './preview-summary';
import { ReducerSelect } from './reducer-select';
import { SceneFilterFields } from './scene-filter-fields';
import { useJobPreview } from './use-job-preview';
import { VariablePicker } from './variable-picker';

const PLACEABLE = ['aoi', 'period', 'before', 'after', 'variable', 'reducer', 'cloud', 'sources', 'options', 'threshold'] as const;

function kindChanged(form: AreaJobForm, kind: AreaJobForm['kind']): Partial<AreaJobForm> {
  // A change compares one value per pixel: true colour or a band become NDVI.
  const variable = kind === 'change' && (form.variable.mode === 'rgb' || form.variable.mode === 'band') ? { ...form.variable, mode: 'index' as const } : form.variable;
  return { kind, variable, reducer: kind === 'change' && form.reducer === 'max_ndvi' ? 'median' : form.reducer };
}

export function AreaJobFormView() {
  const form = useAreaJobForm();
  const aoi = useAoi();
  const { busy, error, submit: submitRequest } = useJobSubmission();
  const [runOn, setRunOn] = useState(LOCAL);

  const built = form.kind === 'composite' ? compositeRequest(form, aoi) : periodChangeRequest(form, aoi);
  // Where it runs is part of the request: the preview checks it and advises on it too.
  const request = built.ok ? (runOn === LOCAL ? built.request : { ...built.request, on: runOn }) : null;
  const preview = useJobPreview(request);
  const placed = placePreviewError(preview, PLACEABLE);
  const refused = preview.state === 'error' && preview.status >= 400 && preview.status < 500;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!request) return;
    await submitRequest(request);
  };

  return (
    <form className="job-form area-form" onSubmit={submit} aria-label="Composite or period change over the area" noValidate>
      <div className="segmented" role="radiogroup" aria-label="Area job">
        {(['composite', 'change'] as const).map((kind) => (
          <label key={kind} className={form.kind === kind ? 'active' : ''}>
            <input type="radio" name="area-kind" data-testid={`area-kind-${kind}`} checked={form.kind === kind} onChange={() => areaFormEdited(kindChanged(form, kind))} />
            {kind === 'composite' ? 'Composite' : 'Change between periods'}
          </label>
        ))}
      </div>
      <p className={`area-line${placed.fields.aoi ? ' field-error' : ''}`} data-testid="area-aoi">
        <span className="field-label">Area</span> {aoi ? `AOI ${formatBbox(aoi)}` : 'none — draw one on the map'}
        {placed.fields.aoi && <span role="alert"> · {placed.fields.aoi}</span>}
      </p>
      {form.kind === 'composite' ? (
        <PeriodPicker label="Period" testId="area-period" value={form.period} onChange={(period) => areaFormEdited({ period })} error={placed.fields.period} />
      ) : (
        <>
          <PeriodPicker label="Before" testId="area-before" value={form.before} onChange={(before) => areaFormEdited({ before })} error={placed.fields.before ?? placed.fields.period} />
          <PeriodPicker label="After" testId="area-after" value={form.after} onChange={(after) => areaFormEdited({ after })} error={placed.fields.after} />
        </>
      )}
      <VariablePicker
        testId="area-variable"
        value={form.variable}
        modes={form.kind === 'composite' ? ['rgb', 'index', 'expression', 'band'] : ['index', 'expression']}
        onChange={(variable) => areaFormEdited({ variable })}
        error={placed.fields.variable}
      />
      <ReducerSelect value={form.reducer} allowMaxNdvi={form.kind === 'composite'} onChange={(reducer) => areaFormEdited({ reducer })} error={placed.fields.reducer} />
      {form.kind === 'change' && (
        <label className={`field${placed.fields.threshold ? ' has-error' : ''}`}>
          <span className="field-label">Change threshold: {form.threshold.toFixed(2)}</span>
          <input type="range" data-testid="area-threshold" min={0.05} max={0.8} step={0.05} value={form.threshold} onChange={(e) => areaFormEdited({ threshold: Number(e.target.value) })} />
          {placed.fields.threshold && <span className="field-error" role="alert">{placed.fields.threshold}</span>}
        </label>
      )}
      <SceneFilterFields testId="area" value={form} onChange={areaFormEdited} errors={placed.fields} />
      {form.kind === 'composite' && (
        <label className="check">
          <input type="checkbox" data-testid="area-valid-count" checked={form.validCount} onChange={(e) => areaFormEdited({ validCount: e.target.checked })} /> Add a band counting valid observations
        </label>
      )}
      <RunOnSelect value={runOn} onChange={setRunOn} />
      <PreviewSummary preview={preview} missing={built.ok ? null : built.missing} unplacedError={placed.unplaced} refusedField={placed.refusedField} />
      <button type="submit" className="primary" data-testid="area-submit" disabled={!built.ok || busy || refused}>
        {busy ? 'Starting…' : form.kind === 'composite' ? 'Run composite' : 'Run change'}
      </button>
      {error && (
        <p className="error-text" role="alert" data-testid="area-error">
          {error}
        </p>
      )}
    </form>
  );
}
