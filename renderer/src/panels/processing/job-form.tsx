/** Starts a processing job on the selected scene (or a before/after pair of scenes from the results). */
import { useState, type FormEvent } from 'react';
import type { Bbox, IndexName, JobRequest } from '../../../../electron/service/api/contract';
import { useAoi } from '../../state/map-area-store';
import { useResultItems } from '../../state/results-store';
import { useSelectedId } from '../../state/selection-store';
import { formatDate, shortSceneId } from '../../util/format';
import { jobTitle } from './job-labels';
import { useJobSubmission } from './submit-job';
import { LOCAL, RunOnSelect } from './run-on-select';

type Operation = 'ndvi' | 'index' | 'expression' | 'change';

const INDICES: Array<{ id: IndexName; title: string }> = [
  { id: 'ndwi', title: 'NDWI — water' },
  { id: 'nbr', title: 'NBR — burn ratio' },
  { id: 'evi', title: 'EVI — enhanced vegetation' },
  { id: 'savi', title: 'SAVI — soil-adjusted vegetation' },
];

export function JobForm() {
  const selectedId = useSelectedId();
  const items = useResultItems();
  const aoi = useAoi();
  const [operation, setOperation] = useState<Operation>('ndvi');
  const [index, setIndex] = useState<IndexName>('ndwi');
  const [expression, setExpression] = useState('(nir - red) / (nir + red)');
  const [maskClouds, setMaskClouds] = useState(true);
  const [clipToAoi, setClipToAoi] = useState(true);
  const [before, setBefore] = useState('');
  const [after, setAfter] = useState('');
  const [threshold, setThreshold] = useState(0.2);
  const [runOn, setRunOn] = useState(LOCAL);
  const { busy, error, submit: submitRequest } = useJobSubmission();

  const bbox: { bbox?: Bbox } = clipToAoi && aoi ? { bbox: aoi } : {};
  let request: JobRequest | null = null;
  let missing = '';
  if (operation === 'change') {
    if (!before || !after) missing = 'Pick a before and an after scene.';
    else if (before === after) missing = 'Before and after must be different scenes.';
    else request = { type: 'change', before, after, index: 'ndvi', threshold, ...bbox };
  } else if (!selectedId) {
    missing = 'Select a scene first.';
  } else if (operation === 'ndvi') request = { type: 'ndvi', scene: selectedId, mask_clouds: maskClouds, ...bbox };
  else if (operation === 'index') request = { type: 'index', scene: selectedId, index };
  else if (!expression.trim()) missing = 'Write an expression over band names, e.g. (nir - red) / (nir + red).';
  else request = { type: 'index', scene: selectedId, expression: expression.trim() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!request) return;
    await submitRequest(runOn === LOCAL ? request : { ...request, on: runOn });
  };

  const sceneOptions = items.map((item) => (
    <option key={item.id} value={item.id}>
      {formatDate(item.properties.datetime)} · {shortSceneId(item.id)}
    </option>
  ));

  return (
    <form className="job-form" onSubmit={submit} aria-label="New processing job">
      <label className="field">
        <span className="field-label">Operation</span>
        <select data-testid="job-operation" value={operation} onChange={(e) => setOperation(e.target.value as Operation)}>
          <option value="ndvi">NDVI</option>
          <option value="index">Named index</option>
          <option value="expression">Custom expression</option>
          <option value="change">Change detection</option>
        </select>
      </label>
      {operation !== 'change' && <p className="hint">Scene: {selectedId ? shortSceneId(selectedId) : 'none selected'}</p>}
      {operation === 'ndvi' && (
        <label className="check">
          <input type="checkbox" checked={maskClouds} onChange={(e) => setMaskClouds(e.target.checked)} /> Mask clouds
        </label>
      )}
      {operation === 'index' && (
        <label className="field">
          <span className="field-label">Index</span>
          <select data-testid="job-index" value={index} onChange={(e) => setIndex(e.target.value as IndexName)}>
            {INDICES.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {operation === 'expression' && (
        <label className="field">
          <span className="field-label">Expression (band common names or asset keys)</span>
          <input data-testid="job-expression" className="mono" value={expression} onChange={(e) => setExpression(e.target.value)} spellCheck={false} />
        </label>
      )}
      {operation === 'change' && (
        <>
          <label className="field">
            <span className="field-label">Before</span>
            <select data-testid="job-before" value={before} onChange={(e) => setBefore(e.target.value)}>
              <option value="">— choose from the results —</option>
              {sceneOptions}
            </select>
          </label>
          <label className="field">
            <span className="field-label">After</span>
            <select data-testid="job-after" value={after} onChange={(e) => setAfter(e.target.value)}>
              <option value="">— choose from the results —</option>
              {sceneOptions}
            </select>
          </label>
          <label className="field">
            <span className="field-label">NDVI change threshold: {threshold.toFixed(2)}</span>
            <input type="range" min={0.05} max={0.8} step={0.05} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} />
          </label>
        </>
      )}
      {aoi && (operation === 'ndvi' || operation === 'change') && (
        <label className="check">
          <input type="checkbox" checked={clipToAoi} onChange={(e) => setClipToAoi(e.target.checked)} /> Only inside the AOI
        </label>
      )}
      <RunOnSelect value={runOn} onChange={setRunOn} />
      <button type="submit" className="primary" data-testid="job-submit" disabled={!request || busy} title={missing || (request ? `Run ${jobTitle({ type: request.type, params: { ...request } })}` : '')}>
        {busy ? 'Starting…' : 'Run'}
      </button>
      {missing && <p className="hint">{missing}</p>}
      {error && (
        <p className="error-text" role="alert" data-testid="job-error">
          {error}
        </p>
      )}
    </form>
  );
}
