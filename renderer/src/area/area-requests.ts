/**
 * The area forms' fields → POST /api/v1/jobs bodies (spec 15), or what is still missing. Pure:
 * the same body goes to the preview and, on Run, to the job.
 */
import type { Bbox, CompositeJobRequest, IndexName, PeriodChangeJobRequest, TimeseriesJobRequest } from '../../../electron/service/api/contract';
import type { AreaJobForm, SceneFilter, TimeseriesForm, VariableChoice } from '../state/area-form-store';
import { periodInterval } from './quick-periods';

export type Built<T> = { ok: true; request: T } | { ok: false; missing: string };

type VariableFields = { bands: string[] } | { index: IndexName } | { expression: string };

export const TRUE_COLOUR_BANDS = ['red', 'green', 'blue'];

function variableFields(variable: VariableChoice): VariableFields | string {
  switch (variable.mode) {
    case 'rgb':
      return { bands: [...TRUE_COLOUR_BANDS] };
    case 'index':
      return { index: variable.index };
    case 'band':
      return variable.band.trim() ? { bands: [variable.band.trim()] } : 'Name a band (e.g. nir or B08).';
    case 'expression':
      return variable.expression.trim() ? { expression: variable.expression.trim() } : 'Write an expression over band names, e.g. (nir - red) / (nir + red).';
  }
}

function filterFields(filter: SceneFilter) {
  return {
    sources: [...filter.sources],
    // 100 % lets every scene through: no scene-level filter at all.
    ...(filter.cloud < 100 ? { cloud_cover_lt: filter.cloud } : {}),
    mask_clouds: filter.maskClouds,
    ...(filter.harmonize ? { harmonize: 'hls' as const } : {}),
  };
}

function checkCommon(filter: SceneFilter, aoi: unknown): string | null {
  if (!aoi) return 'Draw an area on the map first (Draw AOI).';
  if (filter.sources.length === 0) return 'Choose at least one source.';
  return null;
}

export function compositeRequest(form: AreaJobForm, aoi: Bbox | null): Built<CompositeJobRequest> {
  const missing = checkCommon(form, aoi);
  if (missing || !aoi) return { ok: false, missing: missing ?? '' };
  const period = periodInterval(form.period);
  if (!period.ok) return { ok: false, missing: period.reason };
  const variable = variableFields(form.variable);
  if (typeof variable === 'string') return { ok: false, missing: variable };
  return {
    ok: true,
    request: { type: 'composite', aoi, datetime: period.datetime, ...variable, reducer: form.reducer, ...(form.validCount ? { valid_count: true } : {}), ...filterFields(form) },
  };
}

export function periodChangeRequest(form: AreaJobForm, aoi: Bbox | null): Built<PeriodChangeJobRequest> {
  const missing = checkCommon(form, aoi);
  if (missing || !aoi) return { ok: false, missing: missing ?? '' };
  const before = periodInterval(form.before);
  if (!before.ok) return { ok: false, missing: `Before: ${before.reason}` };
  const after = periodInterval(form.after);
  if (!after.ok) return { ok: false, missing: `After: ${after.reason}` };
  const variable = variableFields(form.variable);
  if (typeof variable === 'string') return { ok: false, missing: variable };
  if ('bands' in variable) return { ok: false, missing: 'A change compares an index or an expression; choose one.' };
  // A max_ndvi composite has no single value per pixel to compare: period change takes the temporal reducers only.
  const reducer = form.reducer === 'max_ndvi' ? 'median' : form.reducer;
  return {
    ok: true,
    request: { type: 'change', before: { datetime: before.datetime }, after: { datetime: after.datetime }, aoi, ...variable, reducer, threshold: form.threshold, ...filterFields(form) },
  };
}

export function timeseriesRequest(form: TimeseriesForm, where: { aoi: Bbox | null; point: [number, number] | null }): Built<TimeseriesJobRequest> {
  const aoi = form.target === 'point' ? where.point : where.aoi;
  if (!aoi) return { ok: false, missing: form.target === 'point' ? 'Pick a point on the map first.' : 'Draw an area on the map first (Draw AOI).' };
  if (form.sources.length === 0) return { ok: false, missing: 'Choose at least one source.' };
  const period = periodInterval(form.period);
  if (!period.ok) return { ok: false, missing: period.reason };
  const variable = variableFields(form.variable);
  if (typeof variable === 'string') return { ok: false, missing: variable };
  if ('bands' in variable && variable.bands.length > 1) return { ok: false, missing: 'A time series follows one value; choose an index, an expression or one band.' };
  return { ok: true, request: { type: 'timeseries', aoi, datetime: period.datetime, ...variable, period: form.step, ...filterFields(form) } };
}
