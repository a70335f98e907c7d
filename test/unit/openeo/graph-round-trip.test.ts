/**
 * job → graph → job gives the job in canonical form, and graph → job → graph gives the same graph,
 * for every job kind over a deterministic table of option combinations. processGraphToJob walks
 * and validates every graph with js-processgraphs on the way, so each case also proves its graph
 * valid against the vendored process definitions.
 */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/service/api/errors';
import { processGraphToJob } from '../../../electron/service/openeo/graph/graph-to-job/process-graph-to-job';
import { normalizeJobRequest } from '../../../electron/service/openeo/graph/job-request/normalize-job';
import { jobToProcessGraph } from '../../../electron/service/openeo/graph/job-to-graph/job-to-process-graph';
import { SCENES } from './graph-test-kit';

const AREAS = [
  [11.2, 46.4, 11.5, 46.6],
  { type: 'Polygon', coordinates: [[[11.2, 46.4], [11.5, 46.4], [11.5, 46.6], [11.2, 46.4]], [[11.3, 46.45], [11.4, 46.45], [11.4, 46.5], [11.3, 46.45]]] },
  { type: 'MultiPolygon', coordinates: [[[[11.2, 46.4], [11.3, 46.4], [11.3, 46.5], [11.2, 46.4]]], [[[12, 47], [12.1, 47], [12.1, 47.1], [12, 47]]]] },
  [179.6, -17.2, -179.7, -16.8],
];
const VALUES = [
  { bands: ['red', 'green', 'blue'] },
  { bands: ['nir'] },
  { index: 'ndvi' }, { index: 'ndwi' }, { index: 'NBR' }, { index: 'evi' }, { index: 'savi' },
  { expression: '(nir - swir16) / (nir + swir16)' },
  { expression: 'max(red, green) - 0.1 * -blue' },
  { expression: '((nir) - (red)) / (nir + red)' },
  { expression: 'sqrt(abs(nir - red)) / 2' },
];
const SELECTIONS = [
  {},
  { sources: ['sentinel-2'] },
  { sources: ['landsat'] },
  { sources: ['planetary-computer'] },
  { sources: ['landsat', 'sentinel-2'] },
  { collections: ['sentinel-2-l2a'] },
  { collections: ['planetary-computer:landsat-c2-l2'] },
  { sources: ['landsat', 'planetary-computer'], collections: ['landsat-c2-l2', 'landsat-c2l2-sr'] },
];
const OPTIONS = [
  {},
  { cloud_cover_lt: 25 },
  { mask_clouds: false },
  { harmonize: 'hls' },
  { crs: 'epsg:32632' },
  { resolution: 30 },
  { crs: 'EPSG:4326', resolution: 0.0003 },
  { harmonize: 'hls', cloud_cover_lt: 50, crs: 'EPSG:32633', resolution: 20, mask_clouds: true, on: 'local' },
];
const PERIODS = ['2024-06-01/2024-08-31', '2024-06-01T00:00:00Z/2024-06-30T12:00:00Z', '2023-12-15T08:30:00+02:00/2024-01-15'];
const REDUCERS = ['median', 'mean', 'min', 'max', 'first', 'last', 'count'];
const pick = <T>(list: readonly T[], i: number, step: number): T => list[(i * step) % list.length];

type Job = Record<string, unknown>;

function compositeJobs(): Job[] {
  const jobs: Job[] = [];
  VALUES.forEach((value, v) => REDUCERS.forEach((reducer, r) => [false, true].forEach((validCount, c) => {
    const i = v * 14 + r * 2 + c;
    jobs.push({ type: 'composite', aoi: pick(AREAS, i, 1), datetime: pick(PERIODS, i, 1), ...value, reducer, ...(validCount ? { valid_count: true } : {}), ...pick(SELECTIONS, i, 3), ...pick(OPTIONS, i, 5) });
  })));
  // No graph for these: the greenest-pixel composite, and Landsat bands to be HLS-adjusted one by one.
  jobs.push({ type: 'composite', aoi: AREAS[0], datetime: PERIODS[0], bands: ['red', 'green', 'blue'], reducer: 'max_ndvi' });
  jobs.push({ type: 'composite', aoi: AREAS[1], datetime: PERIODS[1], index: 'ndvi', reducer: 'max_ndvi', sources: ['sentinel-2'] });
  jobs.push({ type: 'composite', aoi: AREAS[2], datetime: PERIODS[2], bands: ['swir22'], reducer: 'median', harmonize: 'hls', sources: ['landsat'] });
  // Bands with HLS where nothing is Landsat OLI, or no band has an HLS twin: harmonize adjusts nothing and is dropped.
  jobs.push({ type: 'composite', aoi: AREAS[0], datetime: PERIODS[0], bands: ['red', 'nir'], reducer: 'mean', harmonize: 'hls', sources: ['sentinel-2'] });
  jobs.push({ type: 'composite', aoi: AREAS[0], datetime: PERIODS[0], bands: ['lwir11'], reducer: 'mean', harmonize: 'hls', sources: ['landsat'] });
  return jobs;
}

function periodChangeJobs(): Job[] {
  const jobs: Job[] = [];
  VALUES.filter((value) => !('bands' in value)).forEach((value, v) => REDUCERS.filter((r) => r !== 'count').forEach((reducer, r) => {
    const i = v * 6 + r;
    jobs.push({
      type: 'change', before: { datetime: pick(PERIODS, i, 1) }, after: { datetime: '2024-06-01/2024-08-31' }, aoi: pick(AREAS, i, 1), ...value, reducer,
      ...(i % 3 ? { threshold: [0, 0.2, 0.35][i % 3] } : {}), ...pick(SELECTIONS, i, 5), ...pick(OPTIONS, i, 3),
    });
  }));
  jobs.push({ type: 'change', before: { datetime: '2023-06-01/2023-08-31' }, after: { datetime: '2024-06-01/2024-08-31' }, aoi: AREAS[0] });
  return jobs;
}

function timeseriesJobs(): Job[] {
  const aois = [[11.3, 46.5], ...AREAS];
  const jobs: Job[] = [];
  VALUES.forEach((value, v) => ['day', 'week', 'month', undefined].forEach((period, p) => {
    const i = v * 4 + p;
    jobs.push({ type: 'timeseries', aoi: pick(aois, i, 1), datetime: pick(PERIODS, i, 1), ...value, ...(period ? { period } : {}), ...pick(SELECTIONS, i, 3), ...pick(OPTIONS, i, 5) });
  }));
  return jobs;
}

function sceneJobs(): Job[] {
  const scenes = Object.keys(SCENES);
  const values = [{ index: 'ndvi' }, { index: 'ndwi' }, { index: 'nbr' }, { index: 'evi' }, { index: 'savi' }, { expression: 'nir / red' }, { expression: '-1 * (swir22 - swir16)' }];
  const options = [{}, { bbox: [11.3, 46.45, 11.35, 46.5] }, { mask_clouds: false }, { resolution: 60 }, { bbox: [11.3, 46.45, 11.35, 46.5], mask_clouds: true, resolution: 20, on: 'local' }];
  const jobs: Job[] = [];
  scenes.forEach((scene, s) => {
    jobs.push({ type: 'ndvi', scene, ...pick(options, s, 1) });
    values.forEach((value, v) => jobs.push({ type: 'index', scene, ...value, ...pick(options, s + v, 1) }));
  });
  scenes.forEach((after, a) => scenes.forEach((before, b) => {
    if (a !== b) jobs.push({ type: 'change', before, after, ...(b % 2 ? { index: ['ndwi', 'evi', 'ndvi'][a % 3] } : {}), ...(a % 2 ? { threshold: 0.05 * a } : {}), ...pick(options, a + b, 1) });
  }));
  return jobs;
}

const CASES: Array<[string, Job]> = [
  ...compositeJobs().map((job, i): [string, Job] => [`composite ${i}`, job]),
  ...periodChangeJobs().map((job, i): [string, Job] => [`period change ${i}`, job]),
  ...timeseriesJobs().map((job, i): [string, Job] => [`timeseries ${i}`, job]),
  ...sceneJobs().map((job, i): [string, Job] => [`scene ${job.type} ${i}`, job]),
];

/** Why a job cannot become a graph (the 422 parameter), or null. */
function refusal(job: Job): string | null {
  try {
    jobToProcessGraph(job, { scenes: SCENES });
    return null;
  } catch (error) {
    if (isAppError(error) && error.status === 422 && error.parameter) return error.parameter;
    throw error;
  }
}

describe('job → graph → job round trips', () => {
  it('covers every kind, reducer, value and option in the table', () => {
    expect(CASES.length).toBeGreaterThan(300);
    const refused = CASES.map(([, job]) => refusal(job));
    // Only max_ndvi and Landsat bands with HLS have no graph; both occur, nothing else is refused.
    expect(new Set(refused.filter((r) => r !== null))).toEqual(new Set(['reducer', 'harmonize']));
    CASES.forEach(([, job], i) => {
      if (refused[i] === 'reducer') expect(job.reducer).toBe('max_ndvi');
      if (refused[i] === 'harmonize') expect(job).toMatchObject({ harmonize: 'hls', bands: expect.any(Array) });
    });
    expect(refused.filter((r) => r === null).length).toBeGreaterThan(280);
  });

  it.each(CASES.filter(([, job]) => refusal(job) === null))('%s', async (_name, job) => {
    const graph = jobToProcessGraph(job, { scenes: SCENES });
    const translated = await processGraphToJob(graph);
    expect(translated.job).toEqual(normalizeJobRequest(job));
    expect(translated.format).toBe(job.type === 'timeseries' ? 'JSON' : 'GTiff');
    expect(jobToProcessGraph(translated.job, { scenes: SCENES })).toEqual(graph);
  });
});

describe('the canonical job a graph gives back', () => {
  it.each<[string, Job, Job]>([
    ['defaults written out, an index of NDVI is an ndvi job',
      { type: 'index', scene: 'sentinel-2:S2A_32TPS_20240705_0_L2A', index: 'NDVI', on: 'local' },
      { type: 'ndvi', scene: 'sentinel-2:S2A_32TPS_20240705_0_L2A', mask_clouds: true }],
    ['an expression that is an index formula becomes the index; collections that are a source\'s defaults are dropped',
      { type: 'composite', aoi: [11, 46, 12, 47], datetime: '2024-06-01/2024-08-31', expression: '(green - nir)/(green + nir)', reducer: 'median', sources: ['landsat'], collections: ['landsat-c2l2-sr'] },
      { type: 'composite', aoi: [11, 46, 12, 47], datetime: '2024-06-01/2024-08-31', sources: ['landsat'], mask_clouds: true, index: 'ndwi', reducer: 'median' }],
    ['a bare collection goes to every selected source that searches it; date-times keep their instants',
      { type: 'timeseries', aoi: [11, 46], datetime: '2024-06-01T12:00:00+02:00/2024-06-02T00:00:00Z', bands: ['red'], sources: ['sentinel-2', 'planetary-computer'], collections: ['sentinel-2-l2a'], harmonize: 'hls' },
      { type: 'timeseries', aoi: [11, 46], datetime: '2024-06-01T10:00:00.000Z/2024-06-02T00:00:00.000Z', sources: ['sentinel-2', 'planetary-computer'], collections: ['sentinel-2:sentinel-2-l2a', 'planetary-computer:sentinel-2-l2a'], mask_clouds: true, bands: ['red'], period: 'day' }],
    ['a period change with its defaults',
      { type: 'change', before: { datetime: '2023-07-01/2023-07-31' }, after: { datetime: '2024-07-01/2024-07-31' }, aoi: [11, 46, 12, 47], expression: '-1*nir + red', harmonize: 'hls', sources: ['landsat'] },
      { type: 'change', before: { datetime: '2023-07-01/2023-07-31' }, after: { datetime: '2024-07-01/2024-07-31' }, aoi: [11, 46, 12, 47], sources: ['landsat'], mask_clouds: true, harmonize: 'hls', expression: '-nir + red', reducer: 'median', threshold: 0.2 }],
  ])('%s', async (_name, job, canonical) => {
    expect((await processGraphToJob(jobToProcessGraph(job, { scenes: SCENES }))).job).toEqual(canonical);
    expect(normalizeJobRequest(job)).toEqual(canonical);
  });
});
