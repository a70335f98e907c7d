/**
 * Processing needs no "offline branch": the workers read through the service's COG proxy, which
 * answers from its cache. After a scene's bytes were seen once, an NDVI job runs with the app
 * offline (PUT /api/v1/settings {offline: true}) without a single upstream request, and gives
 * the same pixels; a scene never seen is a 404 that says it is not in the offline cache.
 */
import { describe, expect, it } from 'vitest';
import { samePixels } from './helpers/gdal-check';
import { postJob, runToFile, useProcessingRig } from './helpers/processing-rig';
import { LANDSAT_SCENE, S2_SCENE } from './helpers/test-scenes';

const rig = useProcessingRig();

const setOffline = async (offline: boolean) => {
  const response = await rig.env.svc.api('/api/v1/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offline }) });
  expect(response.status).toBe(200);
};

describe('processing offline', () => {
  it('runs an NDVI job from cached bytes alone once the scene was read online', async () => {
    const online = await runToFile(rig.env.svc, { type: 'ndvi', scene: S2_SCENE }, rig.work, 'online');
    await setOffline(true);
    try {
      const before = rig.env.fake.requests.length;
      const offline = await runToFile(rig.env.svc, { type: 'ndvi', scene: S2_SCENE }, rig.work, 'offline');
      expect(rig.env.fake.requests.length).toBe(before);
      expect(await samePixels(online.path, offline.path)).toEqual({ size: true, geotransform: true, bands: true, identical: [true] });

      const never = await postJob(rig.env.svc, { type: 'ndvi', scene: LANDSAT_SCENE });
      const { error } = (await never.json()) as { error: { code: string; message: string } };
      expect(never.status).toBe(404);
      expect(error.message).toMatch(/scene landsat:LC08_L2SP_008059_20191201_20200825_02_T1_SR is not in the offline cache/);
      expect(rig.env.fake.requests.length).toBe(before);
    } finally {
      await setOffline(false);
    }
  });
});
