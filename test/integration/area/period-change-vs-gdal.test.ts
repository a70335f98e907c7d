/**
 * Period change (spec-15 `type: "change"` with `before`/`after` periods): two composites of the
 * same area on one grid, after − before, and the −1/0/+1 class at ±threshold (workers/lib/change.ts:
 * strictly greater than the threshold is a gain, strictly less than its negative a loss), against
 * the GDAL/numpy reference. In the kit, cereal fields are harvested at the end of July (NDVI loss)
 * and maize grows through the summer (gain). The scene-pair form of `change` is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAreaRig, type AreaRig } from '../../helpers/area-scenes/area-rig';
import { expectJobMatchesReference } from '../../helpers/area-scenes/expect-area';

let rig: AreaRig;
beforeAll(async () => {
  rig = await startAreaRig();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

describe('period change against gdalwarp + numpy', () => {
  it('June vs August median NDVI over the polygon (defaults: ndvi, median, threshold 0.2): difference, classes, counts, scenes', async () => {
    const { june, august } = rig.kit.manifest.periods;
    const body = { type: 'change', aoi: rig.kit.manifest.aois.polygon, before: { datetime: june }, after: { datetime: august }, sources: ['sentinel-2', 'landsat'] };
    const { job, report, reference } = await expectJobMatchesReference(rig, body, 'change-defaults', 0.2);
    const [difference, classes] = report.bands;
    expect(classes.ref_gain).toBeGreaterThan(100);
    expect(classes.ref_loss).toBeGreaterThan(100);
    // Pixel counts as today's change results report them, up to pixels whose difference is within 1e-4 of ±0.2.
    const result = (job.result as { stats: Record<string, number> }).stats;
    expect(Math.abs(result.gain_pixels - (classes.ref_gain as number))).toBeLessThanOrEqual(classes.exact_mismatches);
    expect(Math.abs(result.loss_pixels - (classes.ref_loss as number))).toBeLessThanOrEqual(classes.exact_mismatches);
    expect(difference.valid_ours).toBe(classes.valid_ours);
    // Both periods' scenes, and nothing else.
    const periods = reference.meta.periods!;
    expect(reference.meta.scenes).toEqual([...periods.before.scenes, ...periods.after.scenes].sort());
    expect(periods.before.scenes.some((id) => id.includes('20240605'))).toBe(true);
    expect(periods.after.scenes.every((id) => id.includes('202408'))).toBe(true);
  }, 180_000);

  it('mean NDVI at threshold 0.1 over the two-zone bbox, Sentinel-2 only, clouds unmasked', async () => {
    const { june, august } = rig.kit.manifest.periods;
    const body = {
      type: 'change', aoi: rig.kit.manifest.aois.bbox, before: { datetime: june }, after: { datetime: august },
      index: 'ndvi', reducer: 'mean', threshold: 0.1, sources: ['sentinel-2'], mask_clouds: false,
    };
    const { reference } = await expectJobMatchesReference(rig, body, 'change-mean', 0.1);
    expect(reference.meta.grid.epsg).toBe(32631);
  }, 180_000);
});
