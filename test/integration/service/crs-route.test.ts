/**
 * GET /api/v1/crs/{code}: what the map asks for to draw a result in a CRS it does not know (an
 * area composite in EPSG:3035, say). The definition answered is the one the service warps with:
 * projecting a point with it in proj4js agrees with GDAL's own transform within a millimetre.
 */
import { execFileSync } from 'node:child_process';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../helpers/test-service';

let svc: TestService;
beforeAll(async () => { svc = await startTestService(); });
afterAll(async () => { await svc?.close(); });

function gdalTransform(epsg: number, lon: number, lat: number): [number, number] {
  // gdaltransform reads and writes in the traditional GIS order: longitude first.
  const out = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4326', '-t_srs', `EPSG:${epsg}`, '-output_xy'], { input: `${lon} ${lat}\n`, encoding: 'utf8' });
  const [x, y] = out.trim().split(/\s+/).map(Number);
  return [x, y];
}

describe('GET /api/v1/crs/{code}', () => {
  it('answers a definition that projects as GDAL does, for a code from the EPSG index and a built-in one', async () => {
    for (const [code, epsg, unit] of [['EPSG:3035', 3035, 'm'], ['2154', 2154, 'm'], ['EPSG:32631', 32631, 'm']] as const) {
      const res = await svc.api(`/api/v1/crs/${code}`);
      expect(res.status, code).toBe(200);
      const body = await res.json() as { crs: string; name: string; proj4: string; geographic: boolean; unit: string };
      expect(body).toMatchObject({ crs: `EPSG:${epsg}`, geographic: false, unit });
      expect(body.name.length).toBeGreaterThan(0);
      const ours = proj4('+proj=longlat +datum=WGS84 +no_defs', body.proj4, [6.0, 47.0]);
      const gdal = gdalTransform(epsg, 6.0, 47.0);
      expect(Math.abs(ours[0] - gdal[0]), code).toBeLessThan(1e-3);
      expect(Math.abs(ours[1] - gdal[1]), code).toBeLessThan(1e-3);
    }
    const geographic = await (await svc.api('/api/v1/crs/EPSG:4258')).json() as { geographic: boolean };
    expect(geographic.geographic).toBe(true);
  });

  it('refuses unknown and unusable codes with 400 naming code, and keeps serving', async () => {
    for (const code of ['EPSG:999999', 'EPSG:27700', 'not-a-code']) {
      const res = await svc.api(`/api/v1/crs/${encodeURIComponent(code)}`);
      expect(res.status, code).toBe(400);
      const body = await res.json() as { error: { code: string; parameter: string; message: string } };
      expect(body.error).toMatchObject({ code: 'invalid_parameter', parameter: 'code' });
      expect(body.error.message.length).toBeGreaterThan(10);
    }
    expect((await svc.api('/api/v1/crs/EPSG:3035')).status).toBe(200);
  });

  it('is private: no key, no definition', async () => {
    const res = await fetch(`${svc.url}/api/v1/crs/EPSG:3035`);
    expect(res.status).toBe(401);
  });
});
