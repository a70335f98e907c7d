/**
 * Area statistics merged from uneven tiles against numpy on the whole plane (float64: np.mean,
 * np.median, np.std with ddof 0, np.percentile 'linear'), on seeded planes with NaN, an area mask,
 * cloud masks given as a plane or as counts, ties (values rounded to 1e-3) and large magnitudes.
 * The issue asks for 1e-4; we hold mean and std to 1e-9 relative and order statistics to 1e-12.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  areaPartial, areaStatistics, createAreaAccumulator, finalizeAreaStatistics, mergeAreaPartials, type AreaPartial, type AreaStatistics,
} from '../../../workers/lib/cube/area-statistics';
import { seededRandom } from '../../helpers/seeded-random';
import { runPython, writeFloat32 } from './helpers/python';

const work = mkdtempSync(join(tmpdir(), 'astra-cube-area-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const WIDTH = 331;
const HEIGHT = 257;
const PIXELS = WIDTH * HEIGHT;

interface Case { name: string; values: Float32Array; area?: Uint8Array; cloud?: Uint8Array; cloudAsCount?: boolean }

function makeCase(name: string, seed: number, value: (r: () => number) => number, options: { area?: boolean; cloud?: boolean; cloudAsCount?: boolean } = {}): Case {
  const random = seededRandom(seed);
  const values = Float32Array.from({ length: PIXELS }, () => (random() < 0.1 ? NaN : value(random)));
  const area = options.area ? Uint8Array.from({ length: PIXELS }, (_, i) => {
    const x = (i % WIDTH) - WIDTH * 0.45;
    const y = Math.floor(i / WIDTH) - HEIGHT * 0.55;
    return x * x + 2 * y * y < 110 * 110 ? 1 : 0;
  }) : undefined;
  const cloud = options.cloud ? Uint8Array.from({ length: PIXELS }, (_, i) => (Math.floor(i / WIDTH) % 50 < 9 && random() < 0.8 ? 1 : 0)) : undefined;
  if (cloud && options.cloudAsCount) cloud.forEach((c, i) => { if (c) values[i] = NaN; });
  return { name, values, area, cloud, cloudAsCount: options.cloudAsCount };
}

/** Uneven windows covering the plane, each as its own row-major array. */
function tiles(): { col: number; row: number; width: number; height: number }[] {
  const out = [];
  const widths = [100, 37, 150, 44];
  const heights = [64, 100, 93];
  for (let row = 0, j = 0; row < HEIGHT; row += heights[j++ % 3]) {
    for (let col = 0, i = 0; col < WIDTH; col += widths[i++ % 4]) {
      out.push({ col, row, width: Math.min(widths[(i) % 4], WIDTH - col), height: Math.min(heights[j % 3], HEIGHT - row) });
    }
  }
  return out;
}

function cut<T extends Float32Array | Uint8Array>(plane: T, t: { col: number; row: number; width: number; height: number }): T {
  const out = new (plane.constructor as new (n: number) => T)(t.width * t.height);
  for (let r = 0; r < t.height; r++) out.set(plane.subarray((t.row + r) * WIDTH + t.col, (t.row + r) * WIDTH + t.col + t.width) as T, r * t.width);
  return out;
}

function tilePartials(c: Case): AreaPartial[] {
  return tiles().map((t) => {
    const area = c.area && cut(c.area, t);
    const cloudPlane = c.cloud && cut(c.cloud, t);
    const cloud = c.cloudAsCount && cloudPlane ? cloudPlane.reduce((n, v, i) => n + (v && (!area || area[i]) ? 1 : 0), 0) : cloudPlane;
    return areaPartial(cut(c.values, t), { area, cloud });
  });
}

function expectStats(actual: AreaStatistics, expected: AreaStatistics, label: string): void {
  expect(actual.valid_pixels, label).toBe(expected.valid_pixels);
  expect(actual.cloud_fraction, label).toBe(expected.cloud_fraction);
  for (const key of ['min', 'max'] as const) expect(actual[key], `${label} ${key}`).toBe(expected[key]);
  for (const key of ['mean', 'std', 'median', 'p10', 'p90'] as const) {
    const e = expected[key];
    if (e === null) {
      expect(actual[key], `${label} ${key}`).toBeNull();
      continue;
    }
    const tolerance = key === 'mean' || key === 'std' ? 1e-9 : 1e-12;
    expect(Math.abs((actual[key] as number) - e) / Math.max(1, Math.abs(e)), `${label} ${key}`).toBeLessThanOrEqual(tolerance);
  }
}

describe('area statistics from tiles equal numpy on the whole plane', async () => {
  const cases = [
    makeCase('ndvi-ties-area-cloud', 1, (r) => Math.round((r() * 2 - 1) * 1000) / 1000, { area: true, cloud: true }),
    makeCase('dn-large-cloud-count', 2, (r) => 2000 + 500 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()), { cloud: true, cloudAsCount: true }),
    makeCase('skewed-area', 3, (r) => r() ** 6 * 0.3 - 0.01, { area: true }),
  ];
  for (const c of cases) {
    writeFloat32(join(work, `${c.name}.values.f32`), [c.values]);
    if (c.area) writeFileSync(join(work, `${c.name}.area.u8`), c.area);
    if (c.cloud) writeFileSync(join(work, `${c.name}.cloud.u8`), c.cloud);
  }
  const expected = JSON.parse(await runPython('area-reference.py', [work, PIXELS, ...cases.map((c) => c.name)])) as Record<string, AreaStatistics>;

  it.each(cases)('$name: merged tile partials', (c) => {
    expect(tiles().reduce((n, t) => n + t.width * t.height, 0)).toBe(PIXELS);
    expectStats(finalizeAreaStatistics(mergeAreaPartials(tilePartials(c))), expected[c.name], c.name);
  });

  it.each(cases)('$name: one accumulator, partials added as they come, and the whole plane at once', (c) => {
    const accumulator = createAreaAccumulator(16);
    for (const p of tilePartials(c).reverse()) accumulator.addPartial(p);
    expectStats(accumulator.result(), expected[c.name], `${c.name} accumulated`);
    if (!c.cloudAsCount) expectStats(areaStatistics(c.values, { area: c.area, cloud: c.cloud }), expected[c.name], `${c.name} whole`);
  });

  it('covers what it claims: ties, clouds inside the area, pixels outside it', () => {
    const [ties] = cases;
    const inside = ties.area!.reduce((n, v) => n + v, 0);
    expect(inside).toBeGreaterThan(1000);
    expect(inside).toBeLessThan(PIXELS / 2);
    expect(expected[ties.name].cloud_fraction).toBeGreaterThan(0.05);
    expect(new Set(Array.from(ties.values).filter((v) => !Number.isNaN(v))).size).toBeLessThan(2002);
  });
});

describe('area statistics edge cases', () => {
  it('no valid pixel: null statistics; cloud_fraction null without data, 1 when all data was cloud', () => {
    const empty = areaStatistics(Float32Array.of(NaN, NaN));
    expect(empty).toEqual({ mean: null, median: null, std: null, min: null, max: null, p10: null, p90: null, valid_pixels: 0, cloud_fraction: null });
    expect(areaStatistics(Float32Array.of(0.3, 0.4), { cloud: Uint8Array.of(1, 1) }).cloud_fraction).toBe(1);
    expect(areaStatistics(Float32Array.of(0.3, 0.4), { area: Uint8Array.of(0, 0) }).valid_pixels).toBe(0);
  });

  it('one and two values', () => {
    expect(areaStatistics(Float32Array.of(0.25))).toMatchObject({ mean: 0.25, median: 0.25, std: 0, p10: 0.25, p90: 0.25 });
    const two = areaStatistics(Float32Array.of(1, 3));
    expect(two).toMatchObject({ mean: 2, median: 2, std: 1, min: 1, max: 3 });
    expect(two.p10).toBeCloseTo(1.2, 14);
    expect(two.p90).toBeCloseTo(2.8, 14);
  });

  it('refuses masks of another size', () => {
    expect(() => areaPartial(new Float32Array(4), { area: new Uint8Array(3) })).toThrow(/area mask has 3 pixels, values 4/);
  });
});
