import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/service/api/errors';
import type { OpenEoProcess, ProcessNode } from '../../../electron/service/openeo/graph/graph-json';
import { jobToProcessGraph, processGraphToJob, usedProcessIds } from '../../../electron/service/openeo/graph';
import { HLS_MSI_TO_OLI } from '../../../workers/lib/cube/hls-harmonize';
import { openEoRequestErrors } from '../../helpers/openeo-openapi-validator';
import { allNodes, expectValidGraph, nodesOf, processIds, SCENES } from './graph-test-kit';

const S2_SCENE = 'sentinel-2:S2A_32TPS_20240705_0_L2A';
const LANDSAT_SCENE = 'landsat:LC09_L2SP_193029_20240712_20240713_02_T1';
const AOI: [number, number, number, number] = [11.2, 46.4, 11.5, 46.6];

function graph(job: Record<string, unknown>, options = {}): OpenEoProcess {
  return jobToProcessGraph(job, { scenes: SCENES, ...options });
}

/** The one node of a callback argument's graph with `process_id`, by walking it. */
function callbackProcesses(node: ProcessNode, argument: string): string[] {
  const callback = node.arguments[argument] as OpenEoProcess;
  return Object.values(callback.process_graph).map((n) => n.process_id);
}

function expectAppError(run: () => unknown, status: number, parameter: string, message: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({ status, parameter });
    expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected an AppError');
}

describe('jobToProcessGraph: single scenes', () => {
  it('names an ndvi scene by collection, day and an id property filter, masks SCL and writes one GTiff', async () => {
    const g = graph({ type: 'ndvi', scene: S2_SCENE });
    await expectValidGraph(g);
    const [load] = nodesOf(g, 'load_collection');
    expect(load.arguments).toMatchObject({
      id: 'sentinel-2.sentinel-2-l2a',
      spatial_extent: null,
      temporal_extent: ['2024-07-05', '2024-07-06'],
      bands: ['nir', 'red', 'SCL'],
    });
    const idFilter = (load.arguments.properties as Record<string, OpenEoProcess>).id.process_graph;
    expect(Object.values(idFilter)).toEqual([{ process_id: 'eq', arguments: { x: { from_parameter: 'value' }, y: 'S2A_32TPS_20240705_0_L2A' }, result: true }]);
    const [cloud] = nodesOf(g, 'reduce_dimension').filter((n) => n.arguments.dimension === 'bands');
    const scl = Object.values((cloud.arguments.reducer as OpenEoProcess).process_graph);
    expect(scl.filter((n) => n.process_id === 'eq').map((n) => n.arguments.y)).toEqual([0, 1, 3, 8, 9, 10]);
    expect(nodesOf(g, 'mask')).toHaveLength(1);
    expect(nodesOf(g, 'ndvi')[0].arguments).toEqual({ data: { from_node: 'mask1' } });
    const [time] = nodesOf(g, 'reduce_dimension').filter((n) => n.arguments.dimension === 't');
    expect(callbackProcesses(time, 'reducer')).toEqual(['first']);
    expect(nodesOf(g, 'save_result')[0]).toMatchObject({ arguments: { format: 'GTiff' }, result: true });
  });

  it('masks a Landsat scene with QA_PIXEL bits 0–4, cuts it to the bbox and resamples to the resolution', async () => {
    const g = graph({ type: 'index', scene: LANDSAT_SCENE, expression: 'swir16 / nir', bbox: [11, 46, 11.3, 46.2], resolution: 60 });
    await expectValidGraph(g);
    const [load] = nodesOf(g, 'load_collection');
    expect(load.arguments).toMatchObject({
      id: 'landsat.landsat-c2l2-sr',
      spatial_extent: { west: 11, south: 46, east: 11.3, north: 46.2 },
      temporal_extent: ['2024-07-12', '2024-07-13'],
      bands: ['swir16', 'nir', 'QA_PIXEL'],
    });
    const [cloud, math] = nodesOf(g, 'reduce_dimension');
    expect(callbackProcesses(cloud, 'reducer')).toEqual(['array_element', 'mod', 'neq']);
    expect(Object.values((cloud.arguments.reducer as OpenEoProcess).process_graph).find((n) => n.process_id === 'mod')?.arguments.y).toBe(32);
    expect(callbackProcesses(math, 'reducer')).toEqual(['array_element', 'array_element', 'divide']);
    expect(nodesOf(g, 'resample_spatial')[0].arguments).toEqual({ data: { from_node: 'reduce_dimension2' }, resolution: 60, method: 'bilinear' });
  });

  it('leaves the mask out when mask_clouds is false or the scene has no mask band', async () => {
    for (const g of [graph({ type: 'ndvi', scene: S2_SCENE, mask_clouds: false }), jobToProcessGraph({ type: 'ndvi', scene: S2_SCENE }, { scenes: { [S2_SCENE]: { ...SCENES[S2_SCENE], maskBand: null } } })]) {
      await expectValidGraph(g);
      expect(processIds(g)).toEqual(['load_collection', 'ndvi', 'reduce_dimension', 'first', 'save_result', 'eq'].sort());
      expect(nodesOf(g, 'load_collection')[0].arguments.bands).toEqual(['nir', 'red']);
    }
  });

  it('takes the request a processing job is stored with (absent fields as null), with its type', async () => {
    const stored = { type: 'index', scene: S2_SCENE, index: null, expression: '(nir - red) / (nir + red + 0.5) * 1.5', bbox: null, mask_clouds: true, resolution: null };
    const g = graph(stored);
    await expectValidGraph(g);
    expect((await processGraphToJob(g)).job).toEqual({ type: 'index', scene: S2_SCENE, expression: '(nir - red) / (nir + red + 0.5) * 1.5', mask_clouds: true });
    const change = graph({ type: 'change', before: 'sentinel-2:S2B_32TPS_20230710_0_L2A', after: S2_SCENE, index: 'ndvi', expression: null, threshold: 0.2, bbox: null, mask_clouds: true, resolution: null });
    expect(usedProcessIds(change.process_graph)).toEqual(processIds(change));
    const ndvi = { type: 'ndvi', scene: S2_SCENE, index: 'ndvi', expression: null, bbox: [11, 46, 11.3, 46.2], mask_clouds: false, resolution: 20 };
    expect((await processGraphToJob(graph(ndvi))).job).toEqual({ type: 'ndvi', scene: S2_SCENE, bbox: [11, 46, 11.3, 46.2], mask_clouds: false, resolution: 20 });
    expectAppError(() => graph({ ...ndvi, index: 'evi' }), 400, 'index', /not a parameter/);
  });

  it('writes a scene-pair change as after − before with the −1/0/+1 class at the threshold', async () => {
    const g = graph({ type: 'change', before: 'sentinel-2:S2B_32TPS_20230710_0_L2A', after: S2_SCENE, index: 'nbr', threshold: 0.15 });
    await expectValidGraph(g);
    const loads = nodesOf(g, 'load_collection').map((n) => n.arguments.id);
    expect(loads).toEqual(['sentinel-2.sentinel-2-c1-l2a', 'sentinel-2.sentinel-2-l2a']);
    const [difference] = nodesOf(g, 'merge_cubes').filter((n) => n.arguments.overlap_resolver);
    expect(difference.arguments.cube1).toEqual({ from_node: 'reduce_dimension6' });
    expect(callbackProcesses(difference, 'overlap_resolver')).toEqual(['subtract']);
    const within = nodesOf(g, 'apply').find((n) => callbackProcesses(n, 'process').includes('lte'))!;
    expect(Object.values((within.arguments.process as OpenEoProcess).process_graph).find((n) => n.process_id === 'lte')?.arguments.y).toBe(0.15);
    expect(nodesOf(g, 'add_dimension').map((n) => n.arguments.label)).toEqual(['difference', 'change_class']);
    expect(nodesOf(g, 'mask').find((n) => n.arguments.replacement === 0)).toBeDefined();
  });
});

describe('jobToProcessGraph: area jobs', () => {
  it('loads every default collection of every source, each masked with its own band, and merges them', async () => {
    const g = graph({ type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', bands: ['red', 'green', 'blue'], reducer: 'median', cloud_cover_lt: 30, crs: 'EPSG:32632', resolution: 10 });
    await expectValidGraph(g);
    const loads = nodesOf(g, 'load_collection');
    expect(loads.map((n) => n.arguments.id)).toEqual([
      'sentinel-2.sentinel-2-l2a', 'sentinel-2.sentinel-2-c1-l2a', 'landsat.landsat-c2l2-sr', 'planetary-computer.sentinel-2-l2a', 'planetary-computer.landsat-c2-l2',
    ]);
    expect(loads.map((n) => (n.arguments.bands as string[]).at(-1))).toEqual(['SCL', 'SCL', 'QA_PIXEL', 'SCL', 'QA_PIXEL']);
    for (const load of loads) {
      expect(load.arguments.temporal_extent).toEqual(['2024-06-01', '2024-09-01']);
      const cloud = (load.arguments.properties as Record<string, OpenEoProcess>)['eo:cloud_cover'].process_graph;
      expect(Object.values(cloud)).toEqual([{ process_id: 'lt', arguments: { x: { from_parameter: 'value' }, y: 30 }, result: true }]);
    }
    expect(nodesOf(g, 'filter_bands').map((n) => n.arguments.bands)).toEqual(Array(5).fill(['red', 'green', 'blue']));
    expect(nodesOf(g, 'resample_spatial').map((n) => [n.arguments.projection, n.arguments.resolution, n.arguments.method])).toEqual(Array(5).fill([32632, 10, 'bilinear']));
    expect(nodesOf(g, 'merge_cubes')).toHaveLength(4);
  });

  it('adjusts Landsat OLI bands inside the band math for harmonize "hls" (inverse of HLS S2A), and leaves Sentinel-2 as it is', async () => {
    const g = graph({ type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', index: 'ndvi', reducer: 'max', harmonize: 'hls', sources: ['sentinel-2', 'landsat'], collections: ['sentinel-2-l2a', 'landsat-c2l2-sr'] });
    await expectValidGraph(g);
    expect(nodesOf(g, 'ndvi')).toHaveLength(1);
    const landsatMath = nodesOf(g, 'reduce_dimension').find((n) => n.arguments.dimension === 'bands' && callbackProcesses(n, 'reducer').includes('divide'))!;
    const nodes = Object.values((landsatMath.arguments.reducer as OpenEoProcess).process_graph);
    const slopes = nodes.filter((n) => n.process_id === 'multiply').map((n) => n.arguments.y);
    const offsets = nodes.filter((n) => n.process_id === 'add' && typeof n.arguments.y === 'number').map((n) => n.arguments.y);
    const { nir08, red } = HLS_MSI_TO_OLI['sentinel-2a'];
    expect(slopes).toEqual([1 / nir08.slope, 1 / red.slope]);
    expect(offsets).toEqual([-nir08.offset / nir08.slope, -red.offset / red.slope]);
  });

  it('adds the valid-observation count as a second band', async () => {
    const g = graph({ type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', expression: 'nir - swir16', reducer: 'mean', valid_count: true, sources: ['landsat'] });
    await expectValidGraph(g);
    const reducers = nodesOf(g, 'reduce_dimension').filter((n) => n.arguments.dimension === 't').map((n) => callbackProcesses(n, 'reducer')[0]);
    expect(reducers).toEqual(['mean', 'count']);
    expect(nodesOf(g, 'add_dimension').map((n) => n.arguments.label)).toEqual(['value', 'valid_count']);
  });

  it('writes a time series as aggregate_temporal_period then aggregate_spatial with one statistic, over a point loaded with a margin', async () => {
    const job = { type: 'timeseries', aoi: [11.3, 46.5], datetime: '2020-01-01/2024-12-31', index: 'ndwi', period: 'month', sources: ['planetary-computer'] };
    const g = graph(job);
    await expectValidGraph(g);
    const extent = nodesOf(g, 'load_collection')[0].arguments.spatial_extent as Record<string, number>;
    for (const [key, value] of Object.entries({ west: 11.299, south: 46.499, east: 11.301, north: 46.501 })) expect(extent[key]).toBeCloseTo(value, 12);
    expect(nodesOf(g, 'aggregate_temporal_period')[0].arguments.period).toBe('month');
    expect(nodesOf(g, 'aggregate_spatial')[0].arguments.geometries).toEqual({ type: 'Point', coordinates: [11.3, 46.5] });
    expect(callbackProcesses(nodesOf(g, 'aggregate_spatial')[0], 'reducer')).toEqual(['mean']);
    expect(nodesOf(g, 'save_result')[0].arguments.format).toBe('JSON');
    const median = graph(job, { statistic: 'median', timeseriesFormat: 'CSV' });
    await expectValidGraph(median);
    expect([...nodesOf(median, 'aggregate_temporal_period'), ...nodesOf(median, 'aggregate_spatial')].map((n) => callbackProcesses(n, 'reducer')[0])).toEqual(['median', 'median']);
    expect(nodesOf(median, 'save_result')[0].arguments.format).toBe('CSV');
  });

  it('gives polygons to load_collection as GeoJSON (pixels outside are no-data) and bboxes of time series as their rectangle', async () => {
    const polygon = { type: 'Polygon', coordinates: [[[11.2, 46.4], [11.5, 46.4], [11.4, 46.6], [11.2, 46.4]]] };
    const composite = graph({ type: 'composite', aoi: polygon, datetime: '2024-06-01/2024-08-31', index: 'evi', reducer: 'median', sources: ['landsat'] });
    expect(nodesOf(composite, 'load_collection')[0].arguments.spatial_extent).toEqual(polygon);
    const series = graph({ type: 'timeseries', aoi: AOI, datetime: '2024-06-01/2024-08-31', bands: ['red'], sources: ['landsat'] });
    expect(nodesOf(series, 'aggregate_spatial')[0].arguments.geometries).toEqual({ type: 'Polygon', coordinates: [[[11.2, 46.4], [11.5, 46.4], [11.5, 46.6], [11.2, 46.6], [11.2, 46.4]]] });
    await expectValidGraph(composite);
    await expectValidGraph(series);
  });

  it('uses the process ids of the vendored definitions only, and its graphs are valid POST /result bodies (openapi.yaml)', () => {
    const g = graph({ type: 'change', before: { datetime: '2023-06-01/2023-08-31' }, after: { datetime: '2024-06-01/2024-08-31' }, aoi: AOI, expression: 'sqrt(abs(nir - red))', harmonize: 'hls' });
    expect(allNodes(g).length).toBeGreaterThan(40);
    expect(openEoRequestErrors('/result', 'POST', { process: g })).toEqual([]);
    expect(openEoRequestErrors('/jobs', 'POST', { title: 'change', process: graph({ type: 'ndvi', scene: S2_SCENE }) })).toEqual([]);
  });
});

describe('jobToProcessGraph: what a graph cannot say', () => {
  it('refuses a max_ndvi composite with a 422 saying why', () => {
    expectAppError(() => graph({ type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', bands: ['red'], reducer: 'max_ndvi' }), 422, 'reducer', /arg-max over time.*runs locally only/);
  });

  it('refuses harmonize "hls" with bands of a Landsat collection (and drops it where it adjusts nothing)', () => {
    expectAppError(() => graph({ type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', bands: ['red'], reducer: 'median', harmonize: 'hls' }), 422, 'harmonize', /per band/);
    const s2only = graph({ type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', bands: ['red'], reducer: 'median', harmonize: 'hls', sources: ['sentinel-2'] });
    expect(nodesOf(s2only, 'filter_bands')).toHaveLength(2);
  });

  it('names a band one of the job\'s sensors lacks, and a scene it was not told about', () => {
    expectAppError(() => graph({ type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', expression: 'rededge - red', reducer: 'median' }), 400, 'expression', /'rededge' is not a band of landsat\.landsat-c2l2-sr/);
    expectAppError(() => graph({ type: 'index', scene: LANDSAT_SCENE, index: 'evi', bbox: [11, 46, 11.3, 46.2] }, { scenes: {} }), 422, 'scene', /collection and datetime/);
    expectAppError(() => graph({ type: 'composite', aoi: AOI, datetime: '2024-06-01/..', index: 'ndvi', reducer: 'median' }), 400, 'datetime', /both ends/);
    expectAppError(() => graph({ type: 'composite', aoi: [11, 47, 12, 46], datetime: '2024-06-01/2024-08-31', index: 'ndvi', reducer: 'median' }), 400, 'aoi', /^aoi: minLat 47 must be less than maxLat 46/);
    expectAppError(() => graph({ type: 'timeseries', aoi: { type: 'Point', coordinates: [11, 46] }, datetime: '2024-06-01/2024-08-31', index: 'ndvi' }), 400, 'aoi', /\[lon, lat\], \[minLon/);
    expectAppError(() => graph({ type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', index: 'ndvi', reducer: 'median', collections: ['sentinel-1-grd'] }), 400, 'collections', /no openEO collection/);
    expectAppError(() => graph({ type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', index: 'ndvi', expression: 'nir', reducer: 'median' }), 400, 'expression', /only one/);
  });
});
