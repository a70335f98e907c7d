import { describe, expect, it } from 'vitest';
import { geometryBbox, repairFootprint } from '../../../electron/service/sources/normalize/antimeridian';
import { normalizeItem } from '../../../electron/service/sources/normalize/normalize-item';
import type { Geometry, Position } from '../../../electron/service/stac/types';
import { FIXTURE, fixtureFeatures, type Json } from '../../helpers/fake-upstream/fixture-files';
import { ES_ORIGIN, PC_ORIGIN } from './normalize-fixtures';

/** The stactools output for a real tile across ±180 (MGRS 01KAB): our independent reference. */
const [reference] = fixtureFeatures(FIXTURE.antimeridianS2);
const referenceGeometry = reference.geometry as Extract<Geometry, { type: 'MultiPolygon' }>;
const referenceBbox = reference.bbox as number[];

/** The footprint's real corners (the split points at ±180 are stactools' interpolations). */
const corners: Position[] = referenceGeometry.coordinates.flat(2).filter(([lon]) => Math.abs(lon) !== 180);

function planarArea(ring: Position[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i += 1) twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(twice / 2);
}

function totalArea(geometry: Geometry): number {
  if (geometry.type === 'Polygon') return planarArea(geometry.coordinates[0]);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.reduce((sum, polygon) => sum + planarArea(polygon[0]), 0);
  return 0;
}

/** The corners as one ring in a continuous frame, the way PC "normalizes" Landsat footprints (lon < -180). */
function normalizedStyleRing(): Position[] {
  const ring = corners.map(([lon, lat]) => [lon > 0 ? lon - 360 : lon, lat]);
  return [...ring, ring[0]];
}

function crossingLatitudes(geometry: Geometry): number[] {
  const positions = geometry.type === 'MultiPolygon' ? geometry.coordinates.flat(2) : [];
  return [...new Set(positions.filter(([lon]) => lon === 180 || lon === -180).map(([, lat]) => Number(lat.toFixed(6))))].sort();
}

describe('an already split footprint (stactools, Earth Search C1 style)', () => {
  it('stays a MultiPolygon with the west > east bbox', () => {
    const result = normalizeItem(reference, ES_ORIGIN);
    if (!result.ok) throw new Error(result.reason);
    expect(result.item.geometry?.type).toBe('MultiPolygon');
    expect(result.item.bbox).toEqual(referenceBbox);
    expect(referenceBbox[0]).toBeGreaterThan(referenceBbox[2]);
  });
});

describe('footprints that cross ±180 unsplit', () => {
  const continuous = normalizedStyleRing();
  const continuousArea = planarArea(continuous);
  const cases: Array<[string, Position[]]> = [
    ['normalized with longitudes below -180 (Planetary Computer Landsat)', continuous],
    ['normalized with longitudes above 180', continuous.map(([lon, lat]) => [lon + 360, lat])],
    ['naive, jumping from +179 to -179 inside one ring', continuous.map(([lon, lat]) => [lon < -180 ? lon + 360 : lon, lat])],
  ];

  it.each(cases)('%s are cut like stactools cuts them', (_name, ring) => {
    const { geometry, bbox } = repairFootprint({ type: 'Polygon', coordinates: [ring] });
    expect(geometry.type).toBe('MultiPolygon');
    for (const position of (geometry as Extract<Geometry, { type: 'MultiPolygon' }>).coordinates.flat(2)) {
      expect(Math.abs(position[0])).toBeLessThanOrEqual(180);
    }
    bbox.forEach((value, i) => expect(value).toBeCloseTo(referenceBbox[i], 9));
    // Same area as the unsplit ring: nothing lost or duplicated by the cut.
    expect(totalArea(geometry)).toBeCloseTo(continuousArea, 9);
    // Cut where stactools cut (it interpolates along the same edges).
    const ours = crossingLatitudes(geometry);
    const theirs = crossingLatitudes(referenceGeometry);
    expect(ours).toHaveLength(theirs.length);
    ours.forEach((lat, i) => expect(lat).toBeCloseTo(theirs[i], 3));
  });

  it('repairs a PC-style item end to end into a split item', () => {
    const [pcLandsat] = fixtureFeatures(FIXTURE.pcLandsatItems);
    const moved: Json = { ...structuredClone(pcLandsat), geometry: { type: 'Polygon', coordinates: [continuous] }, bbox: [Math.min(...continuous.map((p) => p[0])), -17.3, -179.7, -16.2] };
    const result = normalizeItem(moved, PC_ORIGIN);
    if (!result.ok) throw new Error(result.reason);
    expect(result.item.geometry?.type).toBe('MultiPolygon');
    expect(result.item.bbox?.[0]).toBeGreaterThan(result.item.bbox?.[2] ?? Infinity);
  });
});

describe('ordinary footprints', () => {
  it('are left as they are, bbox from the geometry', () => {
    const [esItem] = fixtureFeatures(FIXTURE.esS2AndLandsatPage1);
    const geometry = esItem.geometry as Geometry;
    const { geometry: repaired, bbox } = repairFootprint(geometry);
    expect(repaired).toEqual(geometry);
    bbox.forEach((value, i) => expect(value).toBeCloseTo((esItem.bbox as number[])[i], 9));
  });

  it('give a plain bbox for parts that sit far apart on one side', () => {
    const parts: Geometry = { type: 'MultiPolygon', coordinates: [
      [[[10, 0], [11, 0], [11, 1], [10, 1], [10, 0]]],
      [[[-20, 0], [-19, 0], [-19, 1], [-20, 1], [-20, 0]]],
    ] };
    expect(geometryBbox(parts)).toEqual([-20, 0, 11, 1]);
  });
});
