/**
 * Handlers of the processes that choose scenes and bands: load_collection (collection, area,
 * period, bands, `eo:cloud_cover` and `id` property filters), filter_bbox, filter_temporal,
 * filter_bands. Pure.
 */
import { isPlainObject } from '../graph-json';
import { bandList, isKnownBand, LOCAL_COLLECTIONS, parseCollectionId, type LocalCollection } from '../local-collections';
import { OpenEoError } from '../openeo-error';
import { bboxContains, boundsOf, type SpatialSelection } from '../spatial-extent';
import { intersectRanges } from '../temporal-extent';
import { readCallback } from './callback-tree';
import { cloudCoverLtOf, idFilterOf } from './callback-shapes';
import { wrongInput, type Handler, type NodeContext } from './interpret-graph';
import { readBoundingBox, readSpatialExtent, readTemporalExtent } from './read-extents';
import type { Observations, Sym } from './symbols';

export function checkBands(ctx: NodeContext, argument: string, collections: readonly LocalCollection[], bands: readonly string[]): void {
  for (const collection of collections) {
    const unknown = bands.find((band) => !isKnownBand(collection, band));
    if (unknown !== undefined) {
      throw ctx.invalid(argument, `'${unknown}' is not a band of ${collection.id}; its bands: ${bandList(collection)}`);
    }
  }
}

function readBands(ctx: NodeContext, argument: string): string[] | null {
  const value = ctx.literal(argument);
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length === 0 || !value.every((b) => typeof b === 'string')) throw ctx.invalid(argument, 'must be a non-empty array of band names');
  return value as string[];
}

function readProperties(ctx: NodeContext, collection: LocalCollection): { cloudCoverLt: number | null; scene: string | null } {
  const value = ctx.literal('properties');
  const found = { cloudCoverLt: null as number | null, scene: null as string | null };
  if (value === undefined || value === null) return found;
  if (!isPlainObject(value)) throw ctx.invalid('properties', 'must be an object of property filters');
  for (const [property, filter] of Object.entries(value)) {
    const tree = readCallback(filter, ctx.id, `properties.${property}`);
    if (property === 'eo:cloud_cover') {
      const lt = cloudCoverLtOf(tree);
      if (lt === undefined) throw ctx.unsupported('the eo:cloud_cover filter must be lt(value, <number>) — ASTRA filters scenes by cloud cover below a limit');
      found.cloudCoverLt = lt;
    } else if (property === 'id') {
      const id = idFilterOf(tree);
      if (id === undefined) throw ctx.unsupported('the id filter must be eq(value, "<item id>") — it names one scene');
      const prefix = `${collection.source}:`;
      found.scene = id.startsWith(prefix) ? id : `${prefix}${id}`;
    } else {
      throw ctx.unsupported(`filters on the property '${property}'; the local back-end filters by eo:cloud_cover and id`);
    }
  }
  return found;
}

const loadCollection: Handler = (ctx) => {
  const id = ctx.literal('id');
  const collection = typeof id === 'string' ? parseCollectionId(id) : undefined;
  if (!collection) {
    throw new OpenEoError('CollectionNotFound', `Collection '${String(id)}' does not exist on the local back-end; its collections are ${LOCAL_COLLECTIONS.map((c) => c.id).join(', ')}.`);
  }
  const bands = readBands(ctx, 'bands');
  if (bands) checkBands(ctx, 'bands', [collection], bands);
  const { cloudCoverLt, scene } = readProperties(ctx, collection);
  return {
    t: 'observations',
    sel: {
      collections: [collection],
      spatial: readSpatialExtent(ctx, 'spatial_extent'),
      temporal: readTemporalExtent(ctx, 'temporal_extent'),
      cloudCoverLt,
      scene,
      masked: false,
      hls: null,
    },
    value: { kind: 'bands', bands },
    grid: null,
  };
};

export function observationsInput(ctx: NodeContext, argument = 'data'): Observations {
  const input: Sym = ctx.input(argument);
  if (input.t !== 'observations') throw wrongInput(ctx, argument, input, 'the observations (filter before reducing or aggregating)');
  return input;
}

function narrowed(ctx: NodeContext, current: SpatialSelection | null, bbox: [number, number, number, number]): SpatialSelection {
  if (!current) return { kind: 'bbox', bbox };
  if (current.kind === 'geometry') {
    if (bboxContains(bbox, boundsOf(current))) return current;
    throw ctx.unsupported('filter_bbox cuts the polygon the data were loaded with; give load_collection the area wanted');
  }
  const [a, b] = [current.bbox, bbox];
  if (a[0] > a[2] || b[0] > b[2]) {
    if (JSON.stringify(a) === JSON.stringify(b)) return current;
    throw ctx.unsupported('filter_bbox with boxes across the antimeridian; give load_collection the area wanted');
  }
  const box: [number, number, number, number] = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  if (box[0] >= box[2] || box[1] >= box[3]) throw ctx.invalid('extent', 'does not overlap the loaded area');
  return { kind: 'bbox', bbox: box };
}

const filterBbox: Handler = (ctx) => {
  const data = observationsInput(ctx);
  const extent = ctx.literal('extent');
  if (!isPlainObject(extent)) throw ctx.invalid('extent', 'must be a bounding box');
  return { ...data, sel: { ...data.sel, spatial: narrowed(ctx, data.sel.spatial, readBoundingBox(ctx, 'extent', extent)) } };
};

const filterTemporal: Handler = (ctx) => {
  const data = observationsInput(ctx);
  const dimension = ctx.literal('dimension');
  if (dimension !== undefined && dimension !== null && dimension !== 't') throw ctx.invalid('dimension', `the local collections' temporal dimension is 't', not ${JSON.stringify(dimension)}`);
  const temporal = intersectRanges(data.sel.temporal, readTemporalExtent(ctx, 'extent'));
  if (temporal && temporal.end < temporal.start) throw ctx.invalid('extent', 'does not overlap the loaded period');
  return { ...data, sel: { ...data.sel, temporal } };
};

const filterBands: Handler = (ctx) => {
  const data = observationsInput(ctx);
  const wavelengths = ctx.literal('wavelengths');
  if (Array.isArray(wavelengths) && wavelengths.length > 0) throw ctx.unsupported('selects bands by wavelength; name the bands');
  const bands = readBands(ctx, 'bands');
  if (!bands) throw ctx.invalid('bands', 'name the bands to keep');
  if (data.value.kind !== 'bands') throw wrongInput(ctx, 'data', data, 'bands (filter_bands before band math)');
  const loaded = data.value.bands;
  const missing = loaded ? bands.find((band) => !loaded.includes(band)) : undefined;
  if (missing !== undefined) throw ctx.invalid('bands', `'${missing}' is not in the cube (its bands: ${(loaded as string[]).join(', ')})`);
  checkBands(ctx, 'bands', data.sel.collections, bands);
  return { ...data, value: { kind: 'bands', bands } };
};

export const LOAD_HANDLERS: Readonly<Record<string, Handler>> = {
  load_collection: loadCollection,
  filter_bbox: filterBbox,
  filter_temporal: filterTemporal,
  filter_bands: filterBands,
};
