/**
 * The ASTRA job a graph's result stands for (the spec-15 shapes, canonical as
 * job-request/normalize-job.ts writes them): a scene named by id → `ndvi`/`index`; two scenes
 * subtracted → scene-pair `change`; a reduction over time → `composite` (+ `valid_count`); two
 * reductions subtracted → period `change`; an area aggregation → `timeseries`. Anything else is
 * FeatureUnsupported saying what. Pure.
 */
import type { CompositeJobRequest, JobRequest, PeriodChangeJobRequest, TimeseriesJobRequest } from '../../../jobs/area-job-types';
import type { IndexJobRequest, NdviJobRequest, SceneChangeJobRequest } from '../../../jobs/types';
import { featureUnsupported } from '../openeo-error';
import { bboxContains, boundsOf, isBboxPolygon } from '../spatial-extent';
import { areaOf, areaSelectionFields, gridFields, periodOf, valueFields } from './job-fields-of';
import { fingerprint, SYM_NAMES, type Difference, type Observations, type Raster, type Reduced, type SeriesStatistic, type Series, type Sym } from './symbols';

export interface GraphTranslation {
  job: JobRequest;
  /** The output format save_result asks for (GTiff when the graph has no save_result). */
  format: 'GTiff' | 'JSON' | 'CSV';
  /** Time series: the one statistic the graph asks for (ASTRA's result carries all of them). */
  statistic?: SeriesStatistic;
}

const DEFAULT_THRESHOLD = 0.2;

/** The scene-job options of observations named by id. */
function sceneOptions(obs: Observations): { bbox?: [number, number, number, number]; mask_clouds: boolean; resolution?: number } {
  const { sel, grid } = obs;
  if (sel.spatial?.kind === 'geometry') throw featureUnsupported('a scene job is cut to a bounding box, not a polygon');
  if (sel.cloudCoverLt !== null) throw featureUnsupported('an eo:cloud_cover filter on a scene named by id');
  if (sel.hls) throw featureUnsupported('the HLS adjustment in a single-scene job (harmonize is for area jobs)');
  if (grid?.crs) throw featureUnsupported('a projection for a single-scene job, which keeps the scene\'s CRS (give only a resolution)');
  return { ...(sel.spatial ? { bbox: sel.spatial.bbox } : {}), mask_clouds: sel.masked, ...gridFields(grid) };
}

function sceneJob(obs: Observations): NdviJobRequest | IndexJobRequest {
  const value = valueFields(obs.value, false);
  const scene = obs.sel.scene as string;
  if ('index' in value && value.index === 'ndvi') return { type: 'ndvi', scene, ...sceneOptions(obs) };
  return { type: 'index', scene, ...(value as { index: IndexJobRequest['index'] } | { expression: string }), ...sceneOptions(obs) };
}

function compositeJob(reduced: Reduced, validCount: boolean): CompositeJobRequest {
  const obs = reduced.of;
  return {
    type: 'composite',
    aoi: areaOf(obs),
    datetime: periodOf(obs),
    ...areaSelectionFields(obs),
    ...valueFields(obs.value, true),
    reducer: reduced.reducer,
    ...(validCount ? { valid_count: true } : {}),
  };
}

function changeJob(difference: Difference, threshold: number): SceneChangeJobRequest | PeriodChangeJobRequest {
  const { after, before } = difference;
  const [a, b] = [after.of, before.of];
  if (a.sel.scene && b.sel.scene) {
    const value = valueFields(a.value, false);
    if (!('index' in value)) throw featureUnsupported('a scene-pair change compares a named index (ndvi, ndwi, nbr, evi, savi); for band math, compare periods');
    if (fingerprint(valueFields(b.value, false)) !== fingerprint(value)) throw featureUnsupported('the two scenes compute different values');
    const options = sceneOptions(a);
    if (fingerprint(sceneOptions(b)) !== fingerprint(options)) throw featureUnsupported('the two scenes are read with different areas, masks or resolutions');
    return { type: 'change', before: b.sel.scene, after: a.sel.scene, index: value.index, threshold, ...options };
  }
  if (a.sel.scene || b.sel.scene) throw featureUnsupported('a difference between a scene and a period');
  const alike = (o: Observations) => fingerprint({ ...o.sel, temporal: null, value: o.value, grid: o.grid });
  if (alike(a) !== alike(b)) throw featureUnsupported('the two periods are read or computed differently (area, collections, filters, mask, value or grid); a period change compares the same thing twice');
  if (after.reducer !== before.reducer) throw featureUnsupported(`the two periods are reduced differently (${after.reducer}, ${before.reducer})`);
  if (after.reducer === 'count') throw featureUnsupported('a change between counts of observations');
  const value = valueFields(a.value, false) as { index: PeriodChangeJobRequest['index'] } | { expression: string };
  return {
    type: 'change',
    before: { datetime: periodOf(b) },
    after: { datetime: periodOf(a) },
    aoi: areaOf(a),
    ...areaSelectionFields(a),
    ...value,
    reducer: after.reducer,
    threshold,
  };
}

function timeseriesJob(series: Series): TimeseriesJobRequest {
  const obs = series.of.t === 'periods' ? series.of.of : series.of;
  if (obs.sel.scene) throw featureUnsupported('a time series of one scene named by id; select the period instead');
  const { geometry } = series;
  const loaded = obs.sel.spatial;
  const isLoadedBbox = loaded?.kind === 'bbox' && isBboxPolygon(geometry, loaded.bbox);
  if (loaded && !isLoadedBbox && !bboxContains(boundsOf(loaded), boundsOf(geometry))) throw featureUnsupported('aggregate_spatial reaches outside the area load_collection reads');
  const aoi: TimeseriesJobRequest['aoi'] = geometry.type === 'Point' ? geometry.coordinates : isLoadedBbox ? (loaded.bbox) : geometry;
  return {
    type: 'timeseries',
    aoi,
    datetime: periodOf(obs),
    ...areaSelectionFields(obs),
    ...valueFields(obs.value, true),
    period: series.of.t === 'periods' ? series.of.period : 'day',
  };
}

/** The composite + valid count pair, if `count` counts the observations of `main`. */
function isValidCountOf(count: Raster, main: Raster): boolean {
  if (count.t !== 'reduced' || main.t !== 'reduced' || count.reducer !== 'count') return false;
  const value = main.of.value;
  const probe = value.kind === 'bands' && value.bands
    ? { ...main.of, value: { kind: 'expression' as const, ast: { kind: 'variable' as const, name: value.bands[0], position: 0 } } }
    : main.of;
  // Bands carry no HLS state (bands + HLS has no graph); the probe's band math has one.
  const key = (o: Observations) => fingerprint({ ...o, sel: { ...o.sel, hls: null } });
  return key(count.of) === key(probe);
}

function rasterJob(raster: Raster): JobRequest {
  switch (raster.t) {
    case 'observations':
      if (raster.sel.scene) return sceneJob(raster);
      throw featureUnsupported('the result still has a time dimension over many scenes; reduce it over t (reduce_dimension) — the local back-end writes one image per job');
    case 'reduced':
      if (raster.of.sel.scene) {
        if (raster.reducer === 'count') throw featureUnsupported('a count over one scene');
        return sceneJob(raster.of);
      }
      return compositeJob(raster, false);
    case 'difference':
      return changeJob(raster, DEFAULT_THRESHOLD);
    case 'change-class':
      throw featureUnsupported('a change class without its difference band; merge the difference (first) and the class (second)');
    case 'band-stack': {
      const [first, second] = raster.parts;
      if (raster.parts.length === 2 && isValidCountOf(second, first)) return compositeJob(first as Reduced, true);
      if (raster.parts.length === 2 && first.t === 'difference' && second.t === 'change-class' && fingerprint({ ...second.of, label: null }) === fingerprint({ ...first, label: null })) {
        return changeJob(first, second.threshold);
      }
      throw featureUnsupported('stacks bands the local engine does not write together; it writes a composite with its valid_count band, or a difference with its change_class band');
    }
  }
}

/** The job (and output format) a graph's result value stands for. */
export function recogniseJob(result: Sym): GraphTranslation {
  const saved = result.t === 'saved' ? result : null;
  const value = saved ? saved.of : result;
  if (value.t === 'series') {
    const format = saved?.format ?? 'JSON';
    if (format === 'GTiff') throw featureUnsupported('a time series saved as GTiff; save it as JSON or CSV');
    return { job: timeseriesJob(value), format, statistic: value.reducer };
  }
  const raster = value as Raster;
  if (!['observations', 'reduced', 'difference', 'change-class', 'band-stack'].includes(value.t)) {
    throw featureUnsupported(`the result is ${SYM_NAMES[value.t]}, which is not a result the local engine writes`);
  }
  const format = saved?.format ?? 'GTiff';
  if (format !== 'GTiff') throw featureUnsupported(`a raster saved as ${format}; the local back-end writes rasters as GTiff (Cloud-Optimized)`);
  return { job: rasterJob(raster), format };
}
