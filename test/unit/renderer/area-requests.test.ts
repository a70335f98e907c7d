/**
 * The renderer's area forms: quick periods relative to a given day, form fields → the spec-15
 * job bodies (or what is missing), and a refusal's `parameter` → the form field that shows it.
 */
import { describe, expect, it } from 'vitest';
import { compositeRequest, periodChangeRequest, timeseriesRequest } from '../../../renderer/src/area/area-requests';
import { fieldOfParameter } from '../../../renderer/src/area/parameter-fields';
import { periodInterval, quickPeriods } from '../../../renderer/src/area/quick-periods';
import type { AreaJobForm, TimeseriesForm } from '../../../renderer/src/state/area-form-store';

const AOI: [number, number, number, number] = [5.95, 46.98, 6.04, 47.02];

const area = (patch: Partial<AreaJobForm> = {}): AreaJobForm => ({
  kind: 'composite',
  period: { start: '2024-06-01', end: '2024-08-31' },
  before: { start: '2023-06-01', end: '2023-08-31' },
  after: { start: '2024-06-01', end: '2024-08-31' },
  variable: { mode: 'index', index: 'ndvi', expression: '(nir - red) / (nir + red)', band: 'red' },
  reducer: 'median',
  validCount: false,
  threshold: 0.2,
  cloud: 60,
  sources: ['sentinel-2', 'landsat'],
  maskClouds: true,
  harmonize: true,
  ...patch,
});

const series = (patch: Partial<TimeseriesForm> = {}): TimeseriesForm => ({
  target: 'aoi',
  period: { start: '2024-01-01', end: '2024-12-31' },
  step: 'day',
  variable: { mode: 'index', index: 'ndvi', expression: '', band: 'nir' },
  cloud: 100,
  sources: ['sentinel-2'],
  maskClouds: false,
  harmonize: false,
  ...patch,
});

describe('quick periods', () => {
  const byId = (today: string) => Object.fromEntries(quickPeriods(new Date(`${today}T15:00:00Z`)).map((p) => [p.id, [p.start, p.end]]));

  it('are whole days ending today, or the last season that has ended', () => {
    const p = byId('2025-05-15');
    expect(p['last-30-days']).toEqual(['2025-04-16', '2025-05-15']);
    expect(p['last-3-months']).toEqual(['2025-02-16', '2025-05-15']);
    expect(p['this-year']).toEqual(['2025-01-01', '2025-05-15']);
    expect(p['last-month']).toEqual(['2025-04-01', '2025-04-30']);
    expect(p['last-summer']).toEqual(['2024-06-01', '2024-08-31']);
    expect(p['summer-before']).toEqual(['2023-06-01', '2023-08-31']);
    expect(p['last-winter']).toEqual(['2024-12-01', '2025-02-28']);
    expect(p['last-year']).toEqual(['2024-01-01', '2024-12-31']);
  });

  it('take this year\'s summer once it is over, a leap February, and January\'s last month', () => {
    expect(byId('2024-09-01')['last-summer']).toEqual(['2024-06-01', '2024-08-31']);
    expect(byId('2024-08-31')['last-summer']).toEqual(['2023-06-01', '2023-08-31']);
    expect(byId('2024-03-10')['last-winter']).toEqual(['2023-12-01', '2024-02-29']);
    expect(byId('2024-02-10')['last-winter']).toEqual(['2022-12-01', '2023-02-28']);
    expect(byId('2025-01-20')['last-month']).toEqual(['2024-12-01', '2024-12-31']);
    expect(byId('2024-05-31')['last-3-months']).toEqual(['2024-03-01', '2024-05-31']);
  });

  it('become an interval only with both days in order', () => {
    expect(periodInterval({ start: '2024-06-01', end: '2024-08-31' })).toEqual({ ok: true, datetime: '2024-06-01/2024-08-31' });
    expect(periodInterval({ start: '', end: '2024-08-31' }).ok).toBe(false);
    expect(periodInterval({ start: '2024-09-01', end: '2024-08-31' })).toEqual({ ok: false, reason: 'The first day is after the last day.' });
  });
});

describe('composite and period change bodies', () => {
  it('a composite of an index, and of true colour with a valid-count band', () => {
    expect(compositeRequest(area(), AOI)).toEqual({
      ok: true,
      request: { type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', index: 'ndvi', reducer: 'median', sources: ['sentinel-2', 'landsat'], cloud_cover_lt: 60, mask_clouds: true, harmonize: 'hls' },
    });
    const rgb = compositeRequest(area({ variable: { ...area().variable, mode: 'rgb' }, reducer: 'max_ndvi', validCount: true, cloud: 100, harmonize: false }), AOI);
    expect(rgb).toEqual({
      ok: true,
      request: { type: 'composite', aoi: AOI, datetime: '2024-06-01/2024-08-31', bands: ['red', 'green', 'blue'], reducer: 'max_ndvi', valid_count: true, sources: ['sentinel-2', 'landsat'], mask_clouds: true },
    });
  });

  it('says what is missing: the area, a source, the period, an expression', () => {
    expect(compositeRequest(area(), null)).toEqual({ ok: false, missing: 'Draw an area on the map first (Draw AOI).' });
    expect(compositeRequest(area({ sources: [] }), AOI)).toEqual({ ok: false, missing: 'Choose at least one source.' });
    expect(compositeRequest(area({ period: { start: '2024-06-01', end: '' } }), AOI).ok).toBe(false);
    expect(compositeRequest(area({ variable: { ...area().variable, mode: 'expression', expression: '  ' } }), AOI).ok).toBe(false);
  });

  it('a period change compares two periods with a temporal reducer', () => {
    expect(periodChangeRequest(area({ kind: 'change', reducer: 'max_ndvi', threshold: 0.15, variable: { ...area().variable, mode: 'expression', expression: 'nir - red' } }), AOI)).toEqual({
      ok: true,
      request: {
        type: 'change', before: { datetime: '2023-06-01/2023-08-31' }, after: { datetime: '2024-06-01/2024-08-31' }, aoi: AOI,
        expression: 'nir - red', reducer: 'median', threshold: 0.15, sources: ['sentinel-2', 'landsat'], cloud_cover_lt: 60, mask_clouds: true, harmonize: 'hls',
      },
    });
    expect(periodChangeRequest(area({ kind: 'change', after: { start: '2024-09-01', end: '2024-08-01' } }), AOI)).toEqual({ ok: false, missing: 'After: The first day is after the last day.' });
    expect(periodChangeRequest(area({ kind: 'change', variable: { ...area().variable, mode: 'rgb' } }), AOI).ok).toBe(false);
  });
});

describe('time series bodies', () => {
  it('over the area or at the picked point, with the step', () => {
    expect(timeseriesRequest(series({ step: 'month' }), { aoi: AOI, point: null })).toEqual({
      ok: true,
      request: { type: 'timeseries', aoi: AOI, datetime: '2024-01-01/2024-12-31', index: 'ndvi', period: 'month', sources: ['sentinel-2'], mask_clouds: false },
    });
    const atPoint = timeseriesRequest(series({ target: 'point', variable: { ...series().variable, mode: 'band' } }), { aoi: AOI, point: [6.01, 47.0] });
    expect(atPoint.ok && atPoint.request).toMatchObject({ aoi: [6.01, 47.0], bands: ['nir'] });
    expect(timeseriesRequest(series({ target: 'point' }), { aoi: AOI, point: null })).toEqual({ ok: false, missing: 'Pick a point on the map first.' });
  });
});

describe('refusals placed on their field', () => {
  it('maps the service\'s parameter names onto the form', () => {
    expect(fieldOfParameter('datetime')).toBe('period');
    expect(fieldOfParameter('before.datetime')).toBe('before');
    expect(fieldOfParameter('after')).toBe('after');
    expect(fieldOfParameter('bands')).toBe('variable');
    expect(fieldOfParameter('expression')).toBe('variable');
    expect(fieldOfParameter('cloud_cover_lt')).toBe('cloud');
    expect(fieldOfParameter('sources')).toBe('sources');
    expect(fieldOfParameter('resolution')).toBe('options');
    expect(fieldOfParameter('aoi')).toBe('aoi');
    expect(fieldOfParameter('on')).toBe('other');
    expect(fieldOfParameter(undefined)).toBe('other');
  });
});
