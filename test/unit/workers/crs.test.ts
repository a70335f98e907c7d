import { describe, expect, it } from 'vitest';
import { createPointTransform, normaliseCrs, projDefinition } from '../../../workers/lib/geo/crs';
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

  it('names the supported CRSs when given another', () => {
    expect(normaliseCrs(' epsg:4326 ')).toBe('EPSG:4326');
    expect(projDefinition('EPSG:32701')).toContain('+south');
    expect(() => projDefinition('EPSG:2154')).toThrow(/unsupported CRS 'EPSG:2154'.*EPSG:32601–32660/);
    expect(() => projDefinition('EPSG:32661')).toThrow(/unsupported CRS/);
    expect(() => normaliseCrs('+proj=utm')).toThrow(/expected an EPSG code/);
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
