/**
 * Graphs written the way openEO users write them — with js-client's Builder (numbered node ids,
 * `from_parameter` callbacks, Formula band math, positional arguments) — read as ASTRA jobs, and
 * graph → job → graph → job stable.
 */
import { Formula, type Builder, type BuilderNode } from '@openeo/js-client';
import { describe, expect, it } from 'vitest';
import { compileExpressionPerPixel, parseExpression } from '../../../workers/lib/expression';
import type { OpenEoProcess } from '../../../electron/service/openeo/graph/graph-json';
import { processGraphToJob } from '../../../electron/service/openeo/graph/graph-to-job/process-graph-to-job';
import { jobToProcessGraph } from '../../../electron/service/openeo/graph/job-to-graph/job-to-process-graph';
import { builtGraph, expectValidGraph, newBuilder, SCENES } from './graph-test-kit';

type Api = Record<string, (...args: unknown[]) => BuilderNode>;
type Callback = (this: Api, ...args: never[]) => BuilderNode;

const BBOX = { west: 11.2, south: 46.4, east: 11.5, north: 46.6 };
const SUMMER = ['2024-06-01', '2024-09-01'];

function build(make: (b: Api, builder: Builder) => BuilderNode): OpenEoProcess {
  const builder = newBuilder();
  return builtGraph(builder, make(builder as unknown as Api, builder));
}

/** ASTRA's SCL mask written by hand: a tree of or/eq over the SCL band. */
const sclClouds: Callback = function (this: Api, data: never) {
  const scl = (data as Record<string, BuilderNode>).SCL;
  const eq = (c: number) => this.eq(scl, c);
  return this.or(this.or(this.or(eq(0), eq(1)), this.or(eq(3), eq(8))), this.or(eq(9), eq(10)));
};

const qaClouds: Callback = function (this: Api, data: never) {
  return this.neq(this.mod((data as Record<string, BuilderNode>).QA_PIXEL, 32), 0);
};

async function stable(graph: OpenEoProcess): Promise<void> {
  const first = await processGraphToJob(graph);
  const options = { scenes: SCENES, statistic: first.statistic, timeseriesFormat: first.format === 'GTiff' ? undefined : first.format };
  const canonical = jobToProcessGraph(first.job, options);
  const again = await processGraphToJob(canonical);
  expect(again).toEqual(first);
  expect(jobToProcessGraph(again.job, options)).toEqual(canonical);
}

describe('graphs from js-client\'s Builder', () => {
  it('reads a masked NDVI median composite with a cloud-cover filter and a resample onto UTM', async () => {
    const graph = build((b) => {
      let cube = b.load_collection('sentinel-2.sentinel-2-l2a', BBOX, SUMMER, ['B04', 'B08', 'SCL'], { 'eo:cloud_cover': (value: BuilderNode, bb: Api) => bb.lt(value, 40) });
      cube = b.mask(cube, b.reduce_dimension(cube, sclClouds, 'bands'));
      cube = b.ndvi(cube, 'B08', 'B04');
      cube = b.reduce_dimension(cube, function (this: Api, data: BuilderNode) { return this.median(data); }, 't');
      cube = b.resample_spatial(cube, 20, 32632, 'bilinear');
      return b.save_result(cube, 'GTiff');
    });
    expect(Object.keys(graph.process_graph)).toEqual(expect.arrayContaining(['loadco1', 'reduce1', 'mask1', 'ndvi1', 'savere1']));
    await expectValidGraph(graph);
    expect(await processGraphToJob(graph)).toEqual({
      job: {
        type: 'composite', aoi: [11.2, 46.4, 11.5, 46.6], datetime: '2024-06-01/2024-08-31',
        sources: ['sentinel-2'], collections: ['sentinel-2:sentinel-2-l2a'], cloud_cover_lt: 40, mask_clouds: true, crs: 'EPSG:32632', resolution: 20,
        expression: '(B08 - B04) / (B08 + B04)', reducer: 'median',
      },
      format: 'GTiff',
    });
    await stable(graph);
  });

  it('reads Formula band math with a QA_PIXEL mask and folds linear_scale_range (applied per observation) into the expression', async () => {
    const graph = build((b) => {
      let cube = b.load_collection('landsat.landsat-c2l2-sr', BBOX, SUMMER, ['SR_B2', 'SR_B4', 'SR_B5', 'QA_PIXEL']);
      cube = b.mask(cube, b.reduce_dimension(cube, qaClouds, 'bands'));
      cube = b.reduce_dimension(cube, new Formula('2.5 * ($SR_B5 - $SR_B4) / ($SR_B5 + 6 * $SR_B4 - 7.5 * $SR_B2 + 1)'), 'bands');
      cube = b.apply(cube, (x: BuilderNode, _c: unknown, bb: Api) => bb.linear_scale_range(x, -1, 1, 0, 255));
      cube = b.reduce_dimension(cube, (data: BuilderNode, _c: unknown, bb: Api) => bb.max(data), 't');
      return b.save_result(cube, 'gtiff');
    });
    await expectValidGraph(graph);
    const { job } = await processGraphToJob(graph);
    expect(job).toMatchObject({ type: 'composite', sources: ['landsat'], mask_clouds: true, reducer: 'max' });
    // The expression is EVI clipped to [-1, 1] and scaled to 0..255, as linear_scale_range defines it.
    const expression = (job as { expression: string }).expression;
    const b2 = Float32Array.of(0.05, 0.02, 0.1, 0.3);
    const b4 = Float32Array.of(0.04, 0.03, 0.12, 0.01);
    const b5 = Float32Array.of(0.4, 0.01, 0.15, 0.9);
    const values = compileExpressionPerPixel(parseExpression(expression))({ SR_B2: b2, SR_B4: b4, SR_B5: b5 });
    for (let i = 0; i < 4; i++) {
      const evi = 2.5 * (b5[i] - b4[i]) / (b5[i] + 6 * b4[i] - 7.5 * b2[i] + 1);
      expect(values[i]).toBeCloseTo(((Math.min(Math.max(evi, -1), 1) + 1) / 2) * 255, 3);
    }
    await stable(graph);
  });

  it('folds an affine apply after mean into the expression, and refuses one that would change the pixels', async () => {
    const composite = (after: Callback, reducer: string) => build((b) => {
      let cube = b.load_collection('sentinel-2.sentinel-2-c1-l2a', BBOX, SUMMER, ['B04', 'B08']);
      cube = b.reduce_dimension(cube, function (this: Api, data: never) {
        const d = data as Record<string, BuilderNode>;
        return this.normalized_difference(d.B08, d.B04);
      }, 'bands');
      cube = b.reduce_dimension(cube, function (this: Api, data: BuilderNode) { return this[reducer](data); }, 't');
      return b.save_result(b.apply(cube, after), 'GTiff');
    });
    const scaled = await processGraphToJob(composite(function (this: Api, x: never) { return this.add(this.multiply(x, 10000), 1); }, 'mean'));
    expect(scaled.job).toMatchObject({ expression: '(B08 - B04) / (B08 + B04) * 10000 + 1', reducer: 'mean', mask_clouds: false });
    const flipped = await processGraphToJob(composite(function (this: Api, x: never) { return this.multiply(x, -1); }, 'min'));
    expect(flipped.job).toMatchObject({ expression: '(B08 - B04) / (B08 + B04) * -1', reducer: 'max' });
    await expect(processGraphToJob(composite(function (this: Api, x: never) { return this.linear_scale_range(x, 0, 1, 0, 255); }, 'median')))
      .rejects.toMatchObject({ code: 'FeatureUnsupported', status: 400, message: expect.stringMatching(/apply after median over time: after median only an affine function/) });
    await expect(processGraphToJob(composite(function (this: Api, x: never) { return this.multiply(x, 2); }, 'count')))
      .rejects.toMatchObject({ code: 'FeatureUnsupported', message: expect.stringMatching(/a count is not a value/) });
  });

  it('reads a weekly NDVI time series at a point, saved as CSV', async () => {
    const graph = build((b) => {
      let cube = b.load_collection('planetary-computer.sentinel-2-l2a', { west: 11.29, south: 46.49, east: 11.31, north: 46.51 }, ['2024-01-01', '2025-01-01'], ['red', 'nir', 'SCL']);
      cube = b.mask(cube, b.reduce_dimension(cube, sclClouds, 'bands'));
      cube = b.ndvi(cube);
      cube = b.aggregate_temporal_period(cube, 'week', (data: BuilderNode, _c: unknown, bb: Api) => bb.mean(data));
      const point = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [11.3, 46.5] } }] };
      return b.save_result(b.aggregate_spatial(cube, point, (data: BuilderNode, _c: unknown, bb: Api) => bb.mean(data)), 'CSV');
    });
    await expectValidGraph(graph);
    expect(await processGraphToJob(graph)).toEqual({
      job: {
        type: 'timeseries', aoi: [11.3, 46.5], datetime: '2024-01-01/2024-12-31', sources: ['planetary-computer'], collections: ['planetary-computer:sentinel-2-l2a'],
        mask_clouds: true, index: 'ndvi', period: 'week',
      },
      format: 'CSV',
      statistic: 'mean',
    });
    await stable(graph);
  });

  it('reads a scene named by id (array access by index) as an index job, without a temporal reduction', async () => {
    const graph = build((b) => {
      let cube = b.load_collection('sentinel-2.sentinel-2-l2a', null, ['2024-07-05', '2024-07-06'], ['B04', 'B08', 'SCL'], { id: (value: BuilderNode, bb: Api) => bb.eq(value, 'S2A_32TPS_20240705_0_L2A') });
      cube = b.mask(cube, b.reduce_dimension(cube, sclClouds, 'bands'));
      cube = b.reduce_dimension(cube, function (this: Api, data: never) {
        const d = data as Record<number, BuilderNode>;
        return this.normalized_difference(d[1], d[0]);
      }, 'bands');
      return b.save_result(b.resample_spatial(cube, 20, null, 'bilinear'), 'GTiff');
    });
    await expectValidGraph(graph);
    expect((await processGraphToJob(graph)).job).toEqual({
      type: 'index', scene: 'sentinel-2:S2A_32TPS_20240705_0_L2A', expression: '(B08 - B04) / (B08 + B04)', mask_clouds: true, resolution: 20,
    });
    await stable(graph);
  });

  it('reads two collections merged by the user (in any order), and period changes with and without the class band', async () => {
    const area = (b: Api, id: string, period: string[]) => b.reduce_dimension(b.ndvi(b.load_collection(id, BBOX, period, ['red', 'nir'])), (d: BuilderNode, _c: unknown, bb: Api) => bb.median(d), 't');
    const merged = build((b) => {
      const s2 = b.ndvi(b.load_collection('sentinel-2.sentinel-2-l2a', BBOX, SUMMER, ['red', 'nir']));
      const landsat = b.ndvi(b.load_collection('landsat.landsat-c2l2-sr', BBOX, SUMMER, ['red', 'nir']));
      return b.save_result(b.reduce_dimension(b.merge_cubes(s2, landsat), (d: BuilderNode, _c: unknown, bb: Api) => bb.count(d), 't'), 'GTiff');
    });
    expect((await processGraphToJob(merged)).job).toEqual({
      type: 'composite', aoi: [11.2, 46.4, 11.5, 46.6], datetime: '2024-06-01/2024-08-31', sources: ['sentinel-2', 'landsat'], collections: ['sentinel-2:sentinel-2-l2a', 'landsat:landsat-c2l2-sr'],
      mask_clouds: false, index: 'ndvi', reducer: 'count',
    });
    await stable(merged);

    const twoSensors = (b: Api, first: string, second: string, period: string[]) => b.reduce_dimension(
      b.merge_cubes(b.ndvi(b.load_collection(first, BBOX, period, ['red', 'nir'])), b.ndvi(b.load_collection(second, BBOX, period, ['red', 'nir']))),
      (d: BuilderNode, _c: unknown, bb: Api) => bb.mean(d), 't');
    const crossed = build((b) => {
      const before = twoSensors(b, 'landsat.landsat-c2l2-sr', 'sentinel-2.sentinel-2-l2a', ['2023-06-01', '2023-09-01']);
      const after = twoSensors(b, 'sentinel-2.sentinel-2-l2a', 'landsat.landsat-c2l2-sr', SUMMER);
      return b.save_result(b.merge_cubes(before, after, (x: BuilderNode, y: BuilderNode, _c: unknown, bb: Api) => bb.subtract(y, x)), 'GTiff');
    });
    expect((await processGraphToJob(crossed)).job).toMatchObject({
      type: 'change', before: { datetime: '2023-06-01/2023-08-31' }, after: { datetime: '2024-06-01/2024-08-31' }, collections: ['sentinel-2:sentinel-2-l2a', 'landsat:landsat-c2l2-sr'], reducer: 'mean', threshold: 0.2,
    });

    const change = build((b) => {
      const before = area(b, 'landsat.landsat-c2l2-sr', ['2023-06-01', '2023-09-01']);
      const after = area(b, 'landsat.landsat-c2l2-sr', SUMMER);
      const difference = b.merge_cubes(after, before, (x: BuilderNode, y: BuilderNode, _c: unknown, bb: Api) => bb.subtract(x, y));
      const sign = b.apply(difference, (x: BuilderNode, _c: unknown, bb: Api) => bb.sgn(x));
      const within = b.apply(difference, (x: BuilderNode, _c: unknown, bb: Api) => bb.lte(bb.absolute(x), 0.1));
      const classes = b.mask(sign, within, 0);
      return b.save_result(b.merge_cubes(b.add_dimension(difference, 'bands', 'difference', 'bands'), b.add_dimension(classes, 'bands', 'change_class', 'bands')), 'GTiff');
    });
    await expectValidGraph(change);
    expect((await processGraphToJob(change)).job).toEqual({
      type: 'change', before: { datetime: '2023-06-01/2023-08-31' }, after: { datetime: '2024-06-01/2024-08-31' }, aoi: [11.2, 46.4, 11.5, 46.6],
      sources: ['landsat'], mask_clouds: false, index: 'ndvi', reducer: 'median', threshold: 0.1,
    });
    await stable(change);
  });
});
