/**
 * What the time-series chart draws from a result's entries: aligned columns per source and kind
 * (clear, cloudy, no valid pixel), the entry a pointer is nearest to; and how area jobs are named
 * and their phases worded in the job list.
 */
import { describe, expect, it } from 'vitest';
import type { TimeseriesEntry } from '../../../electron/service/api/contract';
import { chartModel, EMPTY_ROW, nearestMarker, observationKind, placeMarkers, variablesOf } from '../../../renderer/src/panels/timeseries/chart-data';
import { areaJobTitle, periodLabel } from '../../../renderer/src/panels/processing/area-job-labels';
import { exportName, resultOverlaySpec } from '../../../renderer/src/panels/processing/job-labels';
import { phaseText } from '../../../renderer/src/panels/processing/job-phase';

function entry(datetime: string, source: 'sentinel-2' | 'landsat', mean: number | null, more: Partial<TimeseriesEntry> = {}): TimeseriesEntry {
  return {
    datetime, source, platform: source === 'landsat' ? 'landsat-9' : 'sentinel-2a', scenes: [`${source}:${datetime.slice(0, 10)}`], variable: 'ndvi',
    mean, median: mean, std: 0, min: mean, max: mean, p10: mean, p90: mean, valid_pixels: mean === null ? 0 : 10, cloud_fraction: 0, ...more,
  };
}

const ENTRIES = [
  entry('2024-07-05T10:26:25Z', 'sentinel-2', 0.61),
  entry('2024-06-05T10:26:25Z', 'sentinel-2', 0.52),
  entry('2024-07-20T10:20:00Z', 'landsat', 0.58),
  entry('2024-07-20T10:26:25Z', 'sentinel-2', 0.2, { cloud_fraction: 0.8 }),
  entry('2024-06-25T10:26:25Z', 'sentinel-2', null, { cloud_fraction: 1 }),
  entry('2024-06-05T10:26:25Z', 'sentinel-2', 0.11, { variable: 'red' }),
];

describe('the chart model', () => {
  it('puts each source and kind in its own series over the sorted, shared times of one variable', () => {
    const model = chartModel(ENTRIES, 'mean');
    expect(model.variable).toBe('ndvi');
    expect(model.count).toBe(5);
    expect(model.sources).toEqual(['sentinel-2', 'landsat']);
    expect(model.xs.map((x) => new Date(x * 1000).toISOString())).toEqual([
      '2024-06-05T10:26:25.000Z', '2024-06-25T10:26:25.000Z', '2024-07-05T10:26:25.000Z', '2024-07-20T10:20:00.000Z', '2024-07-20T10:26:25.000Z',
    ]);
    expect(model.series.map((s) => [s.source, s.kind, s.values])).toEqual([
      ['sentinel-2', 'clear', [0.52, null, 0.61, null, null]],
      ['sentinel-2', 'cloudy', [null, null, null, null, 0.2]],
      ['sentinel-2', 'empty', [null, EMPTY_ROW, null, null, null]],
      ['landsat', 'clear', [null, null, null, 0.58, null]],
    ]);
    expect(model.series[3].entries[3]?.platform).toBe('landsat-9');
    expect(variablesOf(ENTRIES)).toEqual(['ndvi', 'red']);
    expect(chartModel(ENTRIES, 'mean', 'red').series.map((s) => s.values)).toEqual([[0.11]]);
  });

  it('draws the chosen statistic and calls an observation cloudy only above half its data clouded', () => {
    const model = chartModel([entry('2024-06-05T10:00:00Z', 'landsat', 0.5, { p90: 0.7, cloud_fraction: 0.5 })], 'p90');
    expect(model.series.map((s) => [s.kind, s.values])).toEqual([['clear', [0.7]]]);
    expect(observationKind(entry('2024-06-05T10:00:00Z', 'landsat', 0.5, { cloud_fraction: 0.51 }), 'mean')).toBe('cloudy');
    expect(observationKind(entry('2024-06-05T10:00:00Z', 'landsat', 0.5, { cloud_fraction: null }), 'mean')).toBe('clear');
  });

  it('places every marker and finds the one nearest the pointer, within reach', () => {
    const model = chartModel(ENTRIES, 'mean');
    // One pixel per hour after the first acquisition; values × 100 pixels; the Landsat pass 6 min before the cloudy Sentinel-2 one.
    const t0 = model.xs[0];
    const markers = placeMarkers(model, (x, value) => (x - t0 > 45 * 86_400 ? null : { x: (x - t0) / 3600, y: value * 100 }));
    expect(markers.map((m) => [m.entry.source, m.kind, Math.round(m.x), Math.round(m.y)])).toEqual([
      ['sentinel-2', 'clear', 0, 52], ['sentinel-2', 'clear', 720, 61], ['sentinel-2', 'cloudy', 1080, 20], ['sentinel-2', 'empty', 480, 4], ['landsat', 'clear', 1080, 58],
    ]);
    expect(nearestMarker(markers, { x: 1080, y: 55 }, 12)?.entry.source).toBe('landsat');
    expect(nearestMarker(markers, { x: 1081, y: 22 }, 12)?.kind).toBe('cloudy');
    expect(nearestMarker(markers, { x: 300, y: 50 }, 12)).toBeNull();
  });
});

describe('area jobs in the job list', () => {
  const job = (type: string, request: Record<string, unknown>, status: 'succeeded' | 'running' = 'succeeded') => ({
    id: 'job_0123456789abcdef', type, status, progress: 1, created_at: '', started_at: null, finished_at: null, params: { request }, links: [],
    result: { href: `/api/v1/jobs/x/result.tif`, crs: 'EPSG:32631', stats: { min: 0.1, max: 0.9, mean: 0.5, valid_fraction: 1 } },
  });

  it('are named by what, how and when', () => {
    expect(periodLabel('2024-06-01/2024-08-31')).toBe('2024-06-01 – 08-31');
    expect(periodLabel('2023-12-01/2024-02-29')).toBe('2023-12-01 – 2024-02-29');
    expect(areaJobTitle('composite', { bands: ['red', 'green', 'blue'], reducer: 'max_ndvi', datetime: '2024-06-01/2024-08-31' })).toBe('Composite max_ndvi true colour · 2024-06-01 – 08-31');
    expect(areaJobTitle('timeseries', { index: 'ndvi', aoi: [6.01, 47], datetime: '2024-01-01/2024-12-31' })).toBe('Time series NDVI · point 47.0000, 6.0100 · 2024-01-01 – 12-31');
    expect(areaJobTitle('change', { before: { datetime: '2023-06-01/2023-08-31' }, after: { datetime: '2024-06-01/2024-08-31' } })).toBe('Change (NDVI) · 2023-06-01 – 08-31 → 2024-06-01 – 08-31');
    expect(areaJobTitle('change', { before: 'sentinel-2:a', after: 'sentinel-2:b' })).toBeNull();
    expect(exportName(job('composite', { index: 'ndvi', reducer: 'median', datetime: '2024-06-01/2024-08-31' }))).toBe('astra-composite-ndvi-median-2024-06-01_2024-08-31-89abcdef.tif');
    expect(exportName(job('timeseries', { index: 'evi', datetime: '2024-01-01/2024-12-31' }), 'csv')).toBe('astra-timeseries-evi-2024-01-01_2024-12-31-89abcdef.csv');
  });

  it('show a true-colour composite as RGB, an index composite with its ramp, and no layer for a time series', () => {
    expect(resultOverlaySpec(job('composite', { bands: ['red', 'green', 'blue'], reducer: 'median' }))).toMatchObject({ ramp: 'rgb', crs: 'EPSG:32631' });
    expect(resultOverlaySpec(job('composite', { index: 'ndvi', reducer: 'median' }))).toMatchObject({ ramp: 'ndvi' });
    expect(resultOverlaySpec(job('composite', { index: 'ndvi', reducer: 'count' }))).toMatchObject({ ramp: 'stretch', min: 0.1, max: 0.9 });
    expect(resultOverlaySpec(job('change', { before: { datetime: 'a' }, after: { datetime: 'b' }, threshold: 0.3 }))).toMatchObject({ ramp: 'change', threshold: 0.3 });
    expect(resultOverlaySpec(job('timeseries', { index: 'ndvi' }))).toBeNull();
    expect(resultOverlaySpec(job('composite', { index: 'ndvi' }, 'running'))).toBeNull();
  });

  it('word the running phase with its counts', () => {
    expect(phaseText({ phase: 'finding_scenes', done: 0, total: null })).toBe('Finding scenes');
    expect(phaseText({ phase: 'reading', done: 12, total: 40 })).toBe('Reading · 12 of 40');
    expect(phaseText({ phase: 'reducing', done: 3, total: null })).toBe('Reducing · 3');
    expect(phaseText({ phase: 'writing', done: 16, total: 16 })).toBe('Writing · 16 of 16');
    expect(phaseText({ phase: 'warping-tiles', done: 1, total: 4 })).toBe('Warping tiles · 1 of 4');
    expect(phaseText(null)).toBeNull();
  });
});
