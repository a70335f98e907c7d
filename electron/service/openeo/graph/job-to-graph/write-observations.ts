/**
 * The observations of a job as process-graph nodes: per collection `load_collection` (area or
 * scene, period, bands, `eo:cloud_cover` / `id` property filters) → cloud mask → the value
 * (`filter_bands`, `ndvi`, `normalized_difference` or band math, Landsat bands HLS-adjusted when
 * asked) → `resample_spatial` onto the job's grid; the collections joined by `merge_cubes`. Pure.
 */
import { AppError, invalidParameter } from '../../../api/errors';
import { INDICES } from '../../../../../workers/lib/indices';
import { bandMathReducer, normalizedDifferenceReducer, type VariableLine } from '../band-math-graph';
import { cloudMaskReducer } from '../cloud-masks';
import type { FromNode } from '../graph-json';
import { callback, parameter, type GraphWriter } from '../graph-writer';
import { hlsLineFor } from '../hls-lines';
import { choiceAst, choiceVariables, type ValueChoice } from '../job-request/value-choice';
import { bandList, isKnownBand, type LocalCollection } from '../local-collections';
import { spatialExtentOf, type SpatialSelection } from '../spatial-extent';
import { temporalExtentOf, type TimeRange } from '../temporal-extent';

export interface Grid {
  crs?: string;
  resolution?: number;
}

export interface ObservationRequest {
  collections: readonly LocalCollection[];
  /** null: no spatial filter (a whole scene). */
  spatial: SpatialSelection | null;
  temporal: TimeRange;
  cloudCoverLt?: number;
  /** A scene: its upstream item id, matched by the `id` property filter. */
  sceneItemId?: string;
  /** The job parameter the value's bands come from, for errors. */
  valueParameter: string;
  /** The cloud mask per collection (null: none). */
  maskBand: (collection: LocalCollection) => 'SCL' | 'QA_PIXEL' | null;
  value: ValueChoice;
  harmonize: boolean;
  grid: Grid | null;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function propertyFilters(request: ObservationRequest): Record<string, unknown> | undefined {
  const filters: Record<string, unknown> = {};
  if (request.cloudCoverLt !== undefined) {
    const lt = request.cloudCoverLt;
    filters['eo:cloud_cover'] = callback((w) => w.add('lt', { x: parameter('value'), y: lt }));
  }
  if (request.sceneItemId !== undefined) {
    const id = request.sceneItemId;
    filters.id = callback((w) => w.add('eq', { x: parameter('value'), y: id }));
  }
  return Object.keys(filters).length > 0 ? filters : undefined;
}

function writeValue(writer: GraphWriter, cube: FromNode, request: ObservationRequest, collection: LocalCollection, masked: boolean): FromNode {
  const { value } = request;
  const line: VariableLine = request.harmonize ? (name) => hlsLineFor(collection, name) : () => null;
  if (value.kind === 'bands') {
    if (request.harmonize && value.bands.some((band) => line(band))) {
      throw new AppError('unprocessable', 'harmonize: "hls" with "bands" cannot be written as a process graph (each Landsat band would need its own adjustment, which openEO expresses only per band with apply_dimension); use index or expression, or run it locally', { parameter: 'harmonize' });
    }
    return masked ? writer.add('filter_bands', { data: cube, bands: value.bands }) : cube;
  }
  const adjusted = choiceVariables(value).some((name) => line(name));
  if (value.kind === 'index' && value.index === 'ndvi' && !adjusted) return writer.add('ndvi', { data: cube });
  if (value.kind === 'index' && (value.index === 'ndwi' || value.index === 'nbr')) {
    const [x, y] = INDICES[value.index].bands;
    return writer.add('reduce_dimension', { data: cube, reducer: normalizedDifferenceReducer(x, y, line), dimension: 'bands' });
  }
  return writer.add('reduce_dimension', { data: cube, reducer: bandMathReducer(choiceAst(value), line), dimension: 'bands' });
}

function writeBranch(writer: GraphWriter, request: ObservationRequest, collection: LocalCollection): FromNode {
  const unknown = choiceVariables(request.value).find((name) => !isKnownBand(collection, name));
  if (unknown !== undefined) throw invalidParameter(request.valueParameter, `'${unknown}' is not a band of ${collection.id}; its bands: ${bandList(collection)}`);
  const maskBand = request.maskBand(collection);
  const bands = unique([...choiceVariables(request.value), ...(maskBand ? [maskBand] : [])]);
  const load = writer.add('load_collection', {
    id: collection.id,
    spatial_extent: request.spatial ? spatialExtentOf(request.spatial) : null,
    temporal_extent: temporalExtentOf(request.temporal),
    bands,
    properties: propertyFilters(request),
  });
  let cube = load;
  if (maskBand) {
    const clouds = writer.add('reduce_dimension', { data: load, reducer: cloudMaskReducer(maskBand), dimension: 'bands' });
    cube = writer.add('mask', { data: load, mask: clouds });
  }
  cube = writeValue(writer, cube, request, collection, maskBand !== null);
  if (request.grid) {
    const projection = request.grid.crs ? Number(request.grid.crs.replace(/^EPSG:/, '')) : undefined;
    cube = writer.add('resample_spatial', { data: cube, resolution: request.grid.resolution, projection, method: 'bilinear' });
  }
  return cube;
}

/** The merged observations cube of every collection of the request. */
export function writeObservations(writer: GraphWriter, request: ObservationRequest): FromNode {
  const branches = request.collections.map((collection) => writeBranch(writer, request, collection));
  return branches.reduce((merged, next) => writer.add('merge_cubes', { cube1: merged, cube2: next }));
}
