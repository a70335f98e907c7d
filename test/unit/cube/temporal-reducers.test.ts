/**
 * Temporal reducers against numpy in float64, computed at test time on seeded stacks with NaN runs,
 * all-NaN pixels and pixels with one or two valid observations. Our output is float32, so values
 * may differ from numpy by float32 rounding (≤ 6e-8 for |v| ≤ 1); min, max, first, last, count and
 * the max-NDVI picks must be identical.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMaxNdviAccumulator, maxNdviComposite } from '../../../workers/lib/cube/max-ndvi-composite';
import { medianOfStack } from '../../../workers/lib/cube/temporal-median';
import { createAccumulator, reduceStack, type TemporalReducer } from '../../../workers/lib/cube/temporal-reducers';
import { readFloat64, runPython, writeFloat32 } from './helpers/python';
import { makeStack } from './helpers/stacks';

const work = mkdtempSync(join(tmpdir(), 'astra-cube-temporal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const REDUCERS: TemporalReducer[] = ['median', 'mean', 'min', 'max', 'first', 'last', 'count'];
const EXACT = new Set<TemporalReducer>(['min', 'max', 'first', 'last', 'count']);

async function reference(name: string, stack: Float32Array[], bands: Float32Array[][] = []): Promise<(file: string) => Float64Array> {
  const folder = join(work, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  writeFloat32(join(folder, 'stack.f32'), stack);
  if (bands.length) writeFloat32(join(folder, 'bands.f32'), bands.flat());
  await runPython('temporal-reference.py', [folder, stack.length, stack[0].length, bands.length]);
  return (file) => readFloat64(join(folder, file));
}

function expectClose(actual: ArrayLike<number>, expected: Float64Array, label: string, exact: boolean): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let nanMismatches = 0;
  for (let i = 0; i < actual.length; i++) {
    if (Number.isNaN(actual[i]) || Number.isNaN(expected[i])) {
      if (Number.isNaN(actual[i]) !== Number.isNaN(expected[i])) nanMismatches++;
      continue;
    }
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  }
  expect(nanMismatches, `${label}: pixels NaN on one side only`).toBe(0);
  if (exact) expect(worst, `${label}: largest difference`).toBe(0);
  else expect(worst, `${label}: largest relative difference`).toBeLessThanOrEqual(1e-7);
}

describe.each([
  { name: 'typical', planes: 13, pixels: 6007, seed: 11 },
  { name: 'even', planes: 8, pixels: 3001, seed: 12 },
  { name: 'one plane', planes: 1, pixels: 500, seed: 13 },
  { name: 'many planes', planes: 301, pixels: 701, seed: 14 },
])('temporal reducers over $name stacks ($planes × $pixels) equal numpy', async ({ name, planes, pixels, seed }) => {
  const stack = makeStack(seed, planes, pixels);
  const ref = await reference(name.replace(' ', '-'), stack);

  it('has the cases the test is about', () => {
    const counts = Array.from({ length: pixels }, (_, p) => stack.filter((plane) => !Number.isNaN(plane[p])).length);
    expect(counts.filter((c) => c === 0).length).toBeGreaterThan(0);
    if (planes > 2) expect(counts.filter((c) => c === 2).length).toBeGreaterThan(0);
    if (planes > 1) expect(counts.filter((c) => c > 0 && c % 2 === 0).length).toBeGreaterThan(10);
  });

  it.each(REDUCERS)('%s', (reducer) => {
    expectClose(reduceStack(reducer, stack), ref(`${reducer}.f64`), `${name} ${reducer}`, EXACT.has(reducer));
  });

  it('streams: adding planes one by one, with results taken on the way, ends where the whole stack does', () => {
    for (const reducer of ['mean', 'min', 'max', 'first', 'last', 'count'] as const) {
      const accumulator = createAccumulator(reducer, pixels);
      stack.forEach((plane, t) => {
        accumulator.add(plane);
        if (t === 0) expect(accumulator.result()).toEqual(reduceStack(reducer, [plane]));
      });
      expect(accumulator.planes).toBe(planes);
      expect(accumulator.result()).toEqual(reduceStack(reducer, stack));
    }
  });
});

describe('max-NDVI composite equals numpy argmax (first of equal maxima) over valid NDVI', async () => {
  const planes = 11;
  const pixels = 4003;
  const ndvi = makeStack(21, planes, pixels);
  const bands = [31, 32, 33].map((seed) => makeStack(seed, planes, pixels));
  const ref = await reference('max-ndvi', ndvi, bands);
  const composite = maxNdviComposite(ndvi, bands);

  it('picks the same observation for every pixel, ties included', () => {
    const expected = ref('maxndvi-chosen.f64');
    expect(Array.from(composite.chosen)).toEqual(Array.from(expected));
    const tied = Array.from({ length: pixels }, (_, p) => p).filter((p) => {
      const valid = ndvi.map((plane) => plane[p]).filter((v) => !Number.isNaN(v));
      const max = Math.max(...valid);
      return valid.filter((v) => v === max).length > 1;
    });
    expect(tied.length).toBeGreaterThan(20);
  });

  it('takes every band from that observation, NaN where no NDVI was valid', () => {
    bands.forEach((_, b) => expectClose(composite.bands[b], ref(`maxndvi-band${b}.f64`), `band ${b}`, true));
    expectClose(composite.ndvi, ref('max.f64'), 'chosen NDVI', true);
  });

  it('streams to the same result', () => {
    const accumulator = createMaxNdviAccumulator(bands.length, pixels);
    ndvi.forEach((plane, t) => accumulator.add(plane, bands.map((stack) => stack[t])));
    expect(accumulator.result()).toEqual(composite);
  });
});

describe('reducer edge cases', () => {
  it('median of no planes is NaN everywhere; count is 0 where nothing is valid', () => {
    expect(Array.from(medianOfStack([], 3))).toEqual([NaN, NaN, NaN]);
    expect(Array.from(reduceStack('count', [Float32Array.of(NaN, 1)]))).toEqual([0, 1]);
  });

  it('refuses planes of the wrong size', () => {
    expect(() => createAccumulator('mean', 4).add(new Float32Array(3))).toThrow(/3 pixels/);
    expect(() => medianOfStack([new Float32Array(2), new Float32Array(3)])).toThrow(/3 pixels/);
    expect(() => maxNdviComposite([new Float32Array(2)], [[]])).toThrow(/band stack has 0/);
  });
});
