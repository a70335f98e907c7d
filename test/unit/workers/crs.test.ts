import { describe, expect, it } from 'vitest';
import { createPointTransform, crsInfo, normaliseCrs, projDefinition } from '../../../workers/lib/geo/crs';
import { defaultCrsKind } from '../../../workers/lib/cog/geotiff-keys';
import { fromStacTransform, invertGeoTransform, pixelToMap, type GeoTransform } from '../../../workers/lib/geo/geo-transform';
import { runGdalPython } from './helpers/run-gdal';

interface Case { from: number; to: number; points: number[][] }

describe('built-in CRS definitions agree with GDAL/PROJ', () => {
  const cases: Case[] = [
    { from: 4326, to: 32633, points: [[15, 45], [17.9, 45.1], [12.2, 60], [18.5, 0.5]] },
    { from: 4326, to: 32718, points: [[-74.5, -8.4], [-75, -0.1], [-78.2, -40]] },
    { from: 32633, to: 32634, points: [[736000, 5002000], [500000, 1000], [820000, 7000000]] },
    { from: 32718, to: 4326, points: [[500000, 9000000], [300000, 5500000]] },
    { from: 4326, to: 3857, points: [[0, 0], [-74.5, -8.4], [179.9, 85]] },
    { from: 3857, to: 32629, points: [[-1113194.9, 2800000], [-1000000, 3000000]] },
  ];

  it('transforms points to within a millimetre (degrees: 1e-8) of osr', async () => {
    const expected = JSON.parse(await runGdalPython('transform-points.py', [JSON.stringify(cases)])) as Case[];
    const out = new Float64Array(2);
    cases.forEach((c, k) => {
      const transform = createPointTransform(`EPSG:${c.from}`, c.to);
      const tolerance = c.to === 4326 ? 1e-8 : 1e-3;
      c.points.forEach(([x, y], p) => {
        transform(x, y, out);
        const [ex, ey] = expected[k].points[p];
        expect(Math.abs(out[0] - ex), `${c.from}→${c.to} #${p} x`).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(out[1] - ey), `${c.from}→${c.to} #${p} y`).toBeLessThanOrEqual(tolerance);
      });
    });
  });

  it('is the identity for the same CRS written differently', () => {
    const out = new Float64Array(2);
    createPointTransform(32633, 'epsg:32633')(123.5, 456.25, out);
    expect(Array.from(out)).toEqual([123.5, 456.25]);
  });

  it('normalises codes and keeps its own definitions of UTM', () => {
    expect(normaliseCrs(' epsg:4326 ')).toBe('EPSG:4326');
    expect(projDefinition('EPSG:32701')).toContain('+south');
    expect(() => normaliseCrs('+proj=utm')).toThrow(/expected an EPSG code/);
  });
});

/**
 * Codes beyond the built-in ones come from the EPSG index (epsg-index): national and continental
 * grids, polar ones, US survey feet, other geographic datums. Checked against osr (PROJ) point by
 * point. Forward projections agree to nanometres; inverting an equal-area projection (LAEA, CEA)
 * or a conformal conic (LCC) agrees to under a millimetre only: proj4js takes the authalic latitude
 * from a three-term series and stops LCC's latitude iteration earlier than PROJ.
 */
describe('EPSG codes from the index agree with GDAL/PROJ', () => {
  const exact: Case[] = [
    { from: 4326, to: 3035, points: [[6, 47], [6.3, 47.2], [-9, 38.7], [25, 60], [10, 52]] },
    { from: 32632, to: 3035, points: [[300000, 5200000], [700000, 5300000]] },
    { from: 4326, to: 2154, points: [[2.35, 48.85], [6, 47], [-4.5, 48.4]] },
    { from: 4326, to: 25832, points: [[9, 48], [6, 47]] },
    { from: 25832, to: 32632, points: [[500000, 5300000], [350000, 5600000]] },
    { from: 4326, to: 5070, points: [[-96, 39], [-120, 45], [-75, 40]] },
    { from: 4326, to: 3413, points: [[-45, 75], [10, 80], [-100, 65]] },
    { from: 3413, to: 32624, points: [[0, -1500000], [-200000, -2200000]] },
    { from: 4326, to: 3031, points: [[0, -75], [120, -80]] },
    { from: 4326, to: 2263, points: [[-74, 40.7], [-73.5, 40.9]] },
    { from: 2263, to: 32618, points: [[984250, 194305], [1100000, 250000]] },
    { from: 4326, to: 6933, points: [[6, 47], [-120, -30]] },
    { from: 4326, to: 8857, points: [[6, 47], [140, -35]] },
    { from: 4326, to: 4258, points: [[6, 47], [-8, 55]] },
    { from: 4269, to: 4326, points: [[-96, 39]] },
  ];
  const inverted: Case[] = [
    { from: 3035, to: 32632, points: [[4016684, 2662263], [4200000, 2800000]] },
    { from: 3035, to: 4326, points: [[4016684, 2662263], [3000000, 2000000]] },
    { from: 6933, to: 4326, points: [[578915, 5262170]] },
    { from: 2154, to: 32631, points: [[652000, 6862000], [900000, 6650000]] },
  ];
  const METRE_PER_DEGREE = 111_320;

  async function deviations(cases: Case[]): Promise<number[]> {
    const expected = JSON.parse(await runGdalPython('transform-points.py', [JSON.stringify(cases)])) as Case[];
    const out = new Float64Array(2);
    return cases.flatMap((c, k) => {
      const transform = createPointTransform(c.from, c.to);
      const metres = crsInfo(c.to).metresPerUnit ?? METRE_PER_DEGREE;
      return c.points.map(([x, y], p) => {
        transform(x, y, out);
        const [ex, ey] = expected[k].points[p];
        return Math.hypot(out[0] - ex, out[1] - ey) * metres;
      });
    });
  }

  it('projects to within 1e-6 m of osr (degrees: 1e-6 m on the ground)', async () => {
    const worst = Math.max(...await deviations(exact));
    expect(worst).toBeLessThanOrEqual(1e-6);
  });

  it('inverts LAEA, CEA and LCC to within a millimetre of osr', async () => {
    const worst = Math.max(...await deviations(inverted));
    expect(worst).toBeLessThanOrEqual(1e-3);
  });

  it('knows the units and kind of what it looked up', () => {
    expect(crsInfo('EPSG:3035')).toMatchObject({ name: 'ETRS89-extended / LAEA Europe', geographic: false, metresPerUnit: 1, unit: 'm' });
    expect(crsInfo('EPSG:2263')).toMatchObject({ geographic: false, unit: 'US survey foot' });
    expect(crsInfo('EPSG:2263').metresPerUnit).toBeCloseTo(1200 / 3937, 15);
    expect(crsInfo('EPSG:4258')).toMatchObject({ name: 'ETRS89', geographic: true, metresPerUnit: null, unit: '°' });
    expect(crsInfo(32633)).toMatchObject({ name: 'WGS 84 / UTM zone 33N', metresPerUnit: 1 });
    // A COG's GeoKeys name a geographic CRS the index knows (SWEREF99) as geographic.
    expect([defaultCrsKind(4619), defaultCrsKind(3035), defaultCrsKind(999999)]).toEqual(['geographic', 'projected', 'projected']);
  });

  it('refuses what it cannot use, naming the code and why', () => {
    expect(() => projDefinition('EPSG:999999')).toThrow(/unknown CRS 'EPSG:999999'/);
    expect(() => projDefinition('EPSG:1')).toThrow(/unknown CRS 'EPSG:1'/);
    // ESRI's codes are in the index too, but are not EPSG's
    expect(() => projDefinition('EPSG:54009')).toThrow(/unknown CRS 'EPSG:54009'/);
    expect(() => projDefinition('EPSG:4978')).toThrow(/'EPSG:4978' \(WGS 84\): a geocentric CRS/);
    expect(() => projDefinition('EPSG:4979')).toThrow(/a 3D geographic CRS/);
    expect(() => projDefinition('EPSG:5972')).toThrow(/a compound/);
    expect(() => projDefinition('EPSG:27700')).toThrow(/'EPSG:27700' \(OSGB36 \/ British National Grid\): its datum shift to WGS84 needs the grid OSTN15_NTv2_OSGBtoETRS.gsb/);
    expect(() => projDefinition('EPSG:2065')).toThrow(/axes are 'swu'/);
    // EPSG orders UPS North's axes N, E; x is the easting all the same, as in GDAL's GIS axis order
    expect(projDefinition('EPSG:32661')).toContain('+proj=stere +lat_0=90');
  });
});

describe('geotransforms', () => {
  it('maps pixel corners and inverts exactly, also with rotation terms', () => {
    const t: GeoTransform = [199980, 10, 0.5, 2800020, -0.25, -10];
    const inverse = invertGeoTransform(t);
    const map = new Float64Array(2);
    const back = new Float64Array(2);
    pixelToMap(t, 3, 7, map);
    expect(Array.from(map)).toEqual([199980 + 30 + 3.5, 2800020 - 0.75 - 70]);
    pixelToMap(inverse, map[0], map[1], back);
    expect(back[0]).toBeCloseTo(3, 9);
    expect(back[1]).toBeCloseTo(7, 9);
  });

  it('reads STAC proj:transform order', () => {
    // the S2 fixture item's proj:transform (full-resolution grid)
    expect(fromStacTransform([10, 0, 199980, 0, -10, 2800020])).toEqual([199980, 10, 0, 2800020, 0, -10]);
  });
});
