/**
 * The analyst's main journey: a link opens a search → footprints and rows → hover links both →
 * select zooms → scene panel with asset routes → true-colour preview from the COG proxy → NDVI job
 * with live progress → result layer with its legend → pixel value → Export GeoTIFF (a download in
 * a plain browser) → the cache panel counts the result's bytes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AFTER_ID, journeyHash } from '../../helpers/e2e-catalog';
import { mapMoves, useE2eApp, waitForBasemap, waitForStillMap } from '../../helpers/e2e-app';
import { expectAttribute, expectContains, expectCount, expectText, expectVisible, waitForJobEnd } from '../../helpers/e2e-expect';

const app = useE2eApp('journey-search', { catalog: {}, routes: ['GET /api/v1/search', 'GET /api/v1/scenes/{id}', 'GET /api/v1/jobs', 'POST /api/v1/jobs'] });

describe('search → footprints → select → preview → NDVI → legend → export', () => {
  it('walks the whole journey', async () => {
    const page = await app.open(journeyHash());
    await waitForBasemap(page);

    // The link runs its search: two scenes, their footprints drawn one by one.
    const rows = page.getByTestId('result-row');
    await expectCount(rows, 2, 30_000);
    await expectContains(page.getByTestId('results-count'), '2 scenes');
    await expectAttribute(page.locator('.footprints-layer'), 'data-mode', 'detail');
    await expectAttribute(page.locator('.footprints-layer'), 'data-drawn', '2');
    await app.shot(page, 'results');

    // Click a row: selected, the map zooms to it, the scene panel opens.
    const row = page.locator(`[data-testid="result-row"][data-scene-id="${AFTER_ID}"]`);
    await row.click();
    await expectAttribute(row, 'aria-pressed', 'true');
    await expectVisible(page.getByTestId('scene-panel'));
    await expectContains(page.getByTestId('scene-metadata'), '2020-02-19');
    await expectContains(page.getByTestId('scene-metadata'), 'EPSG:32629');
    // Asset routes resolved by the service (public here: the fake catalog's own URLs).
    await expectContains(page.getByTestId('scene-assets'), 'B04');
    await expect.poll(() => page.locator('.route').count(), { timeout: 20_000 }).toBeGreaterThan(2);
    await page.waitForTimeout(600);

    // Hovering the footprint on the map (now centred) highlights its row.
    const map = await page.getByTestId('map').boundingBox();
    if (!map) throw new Error('map has no box');
    const centre = { x: map.x + map.width / 2, y: map.y + map.height / 2 };
    await row.hover();
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.move(centre.x + 3, centre.y + 3);
    await expect.poll(() => page.locator('.result-row.hovered').count()).toBeGreaterThan(0);
    await app.shot(page, 'selected');

    // Preview: true colour from B04/B03/B02 through the COG proxy with the key.
    await page.getByTestId('preview').click();
    await page.getByTestId('tab-processing').click();
    const previewRow = page.getByTestId('overlay-row').filter({ hasText: 'Preview' });
    await expectAttribute(previewRow, 'data-overlay-status', 'ready', 30_000);
    await page.waitForTimeout(1500);
    await app.shot(page, 'preview');
    expect(app.requests.some((u) => u.includes(`/api/v1/scenes/${encodeURIComponent(AFTER_ID)}/assets/B04/cog`))).toBe(true);

    // NDVI job on the selected scene; progress is followed until it succeeds.
    await page.getByTestId('job-operation').selectOption('ndvi');
    await page.getByTestId('job-submit').click();
    const job = page.getByTestId('job-row').first();
    await expectVisible(job);
    const ended = await waitForJobEnd(job);
    expect(ended, `NDVI job ended ${ended.status}: ${ended.text}`).toMatchObject({ status: 'succeeded' });
    await expectContains(job.getByTestId('job-stats'), 'min');

    // Result layer with the NDVI legend.
    const movesBefore = await mapMoves(page);
    await job.getByTestId('job-show-layer').click();
    await expectVisible(page.getByTestId('legend'));
    await expectContains(page.getByTestId('legend'), 'NDVI');
    await expectText(page.locator('.legend-labels span').first(), '−1');
    const resultRow = page.getByTestId('overlay-row').filter({ hasText: 'NDVI' });
    await expectAttribute(resultRow, 'data-overlay-status', 'ready', 30_000);
    // The view fits the layer; a click before it rests on the drawn layer would miss it.
    await waitForStillMap(page, movesBefore);

    // Click the map: the NDVI value under the pointer.
    const again = await page.getByTestId('map').boundingBox();
    if (!again) throw new Error('map has no box');
    await page.mouse.click(again.x + again.width / 2, again.y + again.height / 2);
    await expect.poll(() => page.getByTestId('pixel-value').first().textContent().catch(() => null), { timeout: 15_000 }).toMatch(/^-?\d\.\d{3}$/);
    const value = Number(await page.getByTestId('pixel-value').first().textContent());
    expect(value).toBeGreaterThanOrEqual(-1);
    expect(value).toBeLessThanOrEqual(1);
    // The preview layer painted this pixel too (getData skips transparent pixels): real reflectance.
    const previewValue = page.locator('.pixel-readout-row').filter({ hasText: 'Preview' }).getByTestId('pixel-value');
    const reflectance = ((await previewValue.textContent()) ?? '').match(/-?\d+\.\d+/g)?.map(Number) ?? [];
    expect(reflectance).toHaveLength(3);
    expect(reflectance.some((r) => r > 0.01)).toBe(true);
    await app.shot(page, 'ndvi-legend');

    // Export GeoTIFF…: in a plain browser, a download of the COG fetched with the key.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), job.getByTestId('export-geotiff').click()]);
    expect(download.suggestedFilename()).toMatch(/^astra-ndvi-.*\.tif$/);
    const path = await download.path();
    const head = readFileSync(path).subarray(0, 4);
    expect(['II*\u0000', 'MM\u0000*', 'II+\u0000']).toContain(head.toString('latin1'));
    // GDAL, the independent reader, opens the exported file as a georeferenced float32 raster.
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', path!], { encoding: 'utf8' })) as {
      size: number[]; bands: Array<{ type: string }>; coordinateSystem?: { wkt?: string };
    };
    expect(info.size[0]).toBeGreaterThan(0);
    expect(info.bands[0].type).toBe('Float32');
    expect(info.coordinateSystem?.wkt ?? '').toMatch(/UTM|PROJCRS/);
    await expectContains(job.getByTestId('export-status'), 'Download started');

    // The cache panel counts the result's file beside the cache.
    await page.getByTestId('tab-cache').click();
    await expect.poll(() => page.getByTestId('cache-results').textContent().catch(() => '')).toMatch(/^Job results: [1-9][\d.]* (KB|MB) in 1 job /);

    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
