/**
 * Handlers of the processes that combine cubes or finish them: merge_cubes (collections joined;
 * after − before; result bands stacked), add_dimension (a result band's label), resample_spatial
 * (the output grid — the local engine always warps each scene onto it before anything else) and
 * save_result. Pure.
 */
import { inCanonicalOrder } from '../local-collections';
import { OUTPUT_FORMATS } from './validate-graph';
import { subtractionOf } from './callback-shapes';
import { wrongInput, type Handler, type NodeContext } from './interpret-graph';
import { fingerprint, type Grid, type Observations, type Raster, type Reduced, type Selection, type Sym } from './symbols';

const RASTERS: ReadonlySet<Sym['t']> = new Set(['observations', 'reduced', 'difference', 'change-class', 'band-stack']);

function isRaster(value: Sym): value is Raster {
  return RASTERS.has(value.t);
}

function joinHls(ctx: NodeContext, a: boolean | null, b: boolean | null): boolean | null {
  if (a !== null && b !== null && a !== b) throw ctx.unsupported('one cube is HLS-adjusted and the other is not; ASTRA harmonizes all Landsat OLI collections or none');
  return a ?? b;
}

/** Observations of two sets of collections, joined (the same area, period, filters, value and grid). */
function joinObservations(ctx: NodeContext, a: Observations, b: Observations): Observations {
  if (a.sel.scene || b.sel.scene) throw ctx.unsupported('merging scenes named by id; ASTRA processes one scene (or two for a change) per job');
  const shared = (o: Observations) => fingerprint({ ...o.sel, collections: [], hls: null, value: o.value, grid: o.grid });
  if (shared(a) !== shared(b)) {
    throw ctx.unsupported('the two cubes differ in area, period, cloud filter or mask, computed value or grid; the local engine joins collections that are read and computed alike');
  }
  const overlap = a.sel.collections.find((c) => b.sel.collections.some((d) => d.id === c.id));
  if (overlap) throw ctx.unsupported(`collection ${overlap.id} is merged with itself`);
  const collections = inCanonicalOrder([...a.sel.collections, ...b.sel.collections]);
  const sel: Selection = { ...a.sel, collections, hls: joinHls(ctx, a.sel.hls, b.sel.hls) };
  return { ...a, sel };
}

const mergeCubes: Handler = (ctx) => {
  const [cube1, cube2] = [ctx.input('cube1'), ctx.input('cube2')];
  if (ctx.has('context')) throw ctx.unsupported('merge_cubes with a context');
  if (ctx.has('overlap_resolver')) {
    const order = subtractionOf(ctx.callback('overlap_resolver'));
    if (!order) throw ctx.unsupported('the overlap resolver must be subtract(x, y) or subtract(y, x): the local engine merges overlapping cubes only into a difference');
    const [after, before] = order === 'x-y' ? [cube1, cube2] : [cube2, cube1];
    if (after.t !== 'reduced' || before.t !== 'reduced') {
      const other = after.t !== 'reduced' ? after : before;
      throw wrongInput(ctx, after.t !== 'reduced' ? 'cube1' : 'cube2', other, 'a cube reduced over time on both sides of a difference');
    }
    return { t: 'difference', after, before, label: null };
  }
  if (cube1.t === 'observations' && cube2.t === 'observations') return joinObservations(ctx, cube1, cube2);
  if (cube1.t === 'observations' || cube2.t === 'observations' || !isRaster(cube1) || !isRaster(cube2)) {
    const odd = !isRaster(cube1) || cube1.t === 'observations' ? cube1 : cube2;
    throw wrongInput(ctx, odd === cube1 ? 'cube1' : 'cube2', odd, 'two cubes of observations (collections joined) or two results (bands stacked)');
  }
  const parts = [cube1, cube2].flatMap((cube) => (cube.t === 'band-stack' ? cube.parts : [cube]));
  return { t: 'band-stack', parts };
};

const addDimension: Handler = (ctx) => {
  const data = ctx.input('data');
  const [name, label, type] = [ctx.literal('name'), ctx.literal('label'), ctx.literal('type')];
  if (name !== 'bands' || type !== 'bands') throw ctx.unsupported('only a band dimension (name "bands", type "bands") can be added: it labels a result band');
  if (typeof label !== 'string') throw ctx.invalid('label', 'must be a band name');
  if (data.t === 'reduced' || data.t === 'difference' || data.t === 'change-class') {
    if (data.label !== null) throw ctx.unsupported('the cube already has a band label');
    if (data.t === 'reduced' && data.of.value.kind === 'bands') throw ctx.unsupported('the cube already has bands');
    return { ...data, label };
  }
  throw wrongInput(ctx, 'data', data, 'a single-band result (a reduced value, a difference or a change class)');
};

function readGrid(ctx: NodeContext): Grid {
  const method = ctx.literal('method') ?? 'near';
  if (method !== 'bilinear') throw ctx.unsupported(`method ${JSON.stringify(method)}; the local engine resamples reflectance bilinearly (and masks by nearest neighbour): set method "bilinear"`);
  const align = ctx.literal('align');
  if (align !== undefined && align !== null && align !== 'upper-left') throw ctx.unsupported(`align ${JSON.stringify(align)}; the local grid is aligned to whole multiples of the resolution`);
  let resolution = ctx.literal('resolution') ?? 0;
  if (Array.isArray(resolution)) {
    if (resolution.length !== 2 || resolution[0] !== resolution[1]) throw ctx.unsupported('different x and y resolutions; the local grid has square pixels');
    resolution = resolution[0];
  }
  if (typeof resolution !== 'number' || !Number.isFinite(resolution) || resolution < 0) throw ctx.invalid('resolution', 'must be a number ≥ 0');
  const projection = ctx.literal('projection');
  if (projection !== undefined && projection !== null && !(typeof projection === 'number' && Number.isInteger(projection))) {
    throw ctx.unsupported('a WKT projection; give an EPSG code');
  }
  const grid: Grid = { crs: typeof projection === 'number' ? `EPSG:${projection}` : null, resolution: resolution > 0 ? resolution : null };
  if (!grid.crs && !grid.resolution) throw ctx.invalid('resolution', 'give a resolution or a projection (or both)');
  return grid;
}

function withGrid(ctx: NodeContext, value: Sym, grid: Grid): Sym {
  switch (value.t) {
    case 'observations': {
      if (value.grid && fingerprint(value.grid) !== fingerprint(grid)) throw ctx.unsupported('resampled twice onto different grids; the local engine warps each scene once');
      return { ...value, grid };
    }
    case 'reduced':
    case 'periods': return { ...value, of: withGrid(ctx, value.of, grid) as Observations };
    case 'difference': return { ...value, after: withGrid(ctx, value.after, grid) as Reduced, before: withGrid(ctx, value.before, grid) as Reduced };
    case 'change-class': return { ...value, of: withGrid(ctx, value.of, grid) as typeof value.of };
    case 'band-stack': return { ...value, parts: value.parts.map((part) => withGrid(ctx, part, grid) as Raster) };
    default: throw wrongInput(ctx, 'data', value, 'a raster cube');
  }
}

const resampleSpatial: Handler = (ctx) => withGrid(ctx, ctx.input('data'), readGrid(ctx));

const saveResult: Handler = (ctx) => {
  const data = ctx.input('data');
  const format = ctx.literal('format');
  const known = OUTPUT_FORMATS.find((f) => typeof format === 'string' && f.toLowerCase() === format.toLowerCase());
  if (!known) throw ctx.invalid('format', `${JSON.stringify(format)} is not an output format of the local back-end (${OUTPUT_FORMATS.join(', ')})`);
  const options = ctx.literal('options');
  if (options !== undefined && options !== null && !(typeof options === 'object' && Object.keys(options).length === 0)) {
    throw ctx.unsupported('format options; the local back-end writes Cloud-Optimized GeoTIFFs and time series as they are');
  }
  if (data.t === 'saved') throw ctx.unsupported('saving a saved result again');
  return { t: 'saved', of: data, format: known };
};

export const COMBINE_HANDLERS: Readonly<Record<string, Handler>> = {
  merge_cubes: mergeCubes,
  add_dimension: addDimension,
  resample_spatial: resampleSpatial,
  save_result: saveResult,
};
