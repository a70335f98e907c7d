/**
 * Area analysis in the app (issue 15) over the area kit (test/helpers/area-scenes: synthetic
 * Sentinel-2 tiles in two UTM zones and a Landsat 9 scene, served by the fake catalogs): draw an
 * area → a time series over it with both sensors, drawn as a chart → hovering and clicking a
 * Landsat point selects that scene (fetched into the results, which searched Sentinel-2 only) →
 * CSV and PNG export; a true-colour composite of the summer → the scenes it will use shown before
 * it runs → its phases while it runs → the layer with its legend and pixel values → GeoTIFF export.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dragOnMap, mapMoves, useE2eApp, waitForBasemap, waitForStillMap } from '../../helpers/e2e-app';
import { expectAttribute, expectContains, expectVisible, waitForJobEnd } from '../../helpers/e2e-expect';

const app = useE2eApp('journey-area', {
  catalog: { area: 'main' },
  routes: ['GET /api/v1/search', 'GET /api/v1/scenes/{id}', 'POST /api/v1/jobs', 'POST /api/v1/jobs/preview', 'GET /api/v1/jobs/{id}', 'GET /api/v1/jobs/{id}/result.json', 'GET /api/v1/jobs/{id}/result.csv', 'GET /api/v1/jobs/{id}/result.tif'],
});

/** Sets a period picker's days (type=date inputs take ISO days). */
async function setPeriod(page: import('playwright-core').Page, testId: string, datetime: string): Promise<void> {
  const [start, end] = datetime.split('/');
  await page.getByTestId(`${testId}-start`).fill(start);
  await page.getByTestId(`${testId}-end`).fill(end);
}

describe('area analysis: time series and composite over a drawn area', () => {
  it('draws an area, charts both sensors, selects a scene from the chart, and maps a true-colour composite', { timeout: 300_000 }, async () => {
    const kit = app.catalog.kit;
    const summer = kit.manifest.periods.summer;
    const landsat = kit.manifest.scenes.filter((s) => s.source === 'landsat').map((s) => s.id);
    expect(landsat.length).toBeGreaterThan(0);

    // The link searches Sentinel-2 only over the kit's area: Landsat scenes are not in the results.
    const page = await app.open(`#bbox=${kit.manifest.aois.bbox.join(',')}&datetime=${summer}&cloud=100&sources=sentinel-2`);
    await waitForBasemap(page);
    await expect.poll(() => page.getByTestId('result-row').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    expect(await page.locator(`[data-testid="result-row"][data-scene-id^="landsat:"]`).count()).toBe(0);

    // Draw the area: the middle of the view, across both UTM zones of the kit.
    const map = await page.getByTestId('map').boundingBox();
    if (!map) throw new Error('map has no box');
    await page.getByTestId('aoi-draw').click();
    await dragOnMap(page, [map.x + map.width * 0.3, map.y + map.height * 0.35], [map.x + map.width * 0.7, map.y + map.height * 0.65]);
    await expectVisible(page.getByTestId('aoi-bbox'));

    // Time series over the drawn area: NDVI of every acquisition day, both sensors harmonised, every
    // scene whatever its cloud cover (the overcast day is charted apart, not dropped).
    await page.getByTestId('tab-processing').click();
    await page.getByTestId('processing-form-timeseries').click();
    await page.getByTestId('ts-target-aoi').check();
    await setPeriod(page, 'ts-period', summer);
    await page.getByTestId('ts-cloud').fill('100');
    for (const source of ['sentinel-2', 'landsat']) if (!(await page.getByTestId(`ts-source-${source}`).isChecked())) await page.getByTestId(`ts-source-${source}`).check();
    const preview = page.getByTestId('area-preview');
    await expectAttribute(preview, 'data-state', 'ok', 30_000);
    expect(Number(await preview.getAttribute('data-scenes'))).toBeGreaterThan(3);
    await app.shot(page, 'timeseries-form');
    await page.getByTestId('ts-submit').click();

    const dock = page.getByTestId('timeseries-dock');
    await expectVisible(dock);
    await expectAttribute(dock, 'data-state', 'ready', 120_000);
    const chart = page.getByTestId('timeseries-chart');
    await expectAttribute(chart, 'data-sources', 'sentinel-2,landsat');
    await expectVisible(page.locator('.timeseries-canvas canvas'));
    // Each sensor in its own colour; cloudy or empty acquisitions drawn apart from clear ones.
    const swatches = dock.locator('.chart-key-item .chart-marker:not(.hollow)');
    expect(await swatches.count()).toBe(2);
    const colours = await swatches.evaluateAll((els) => els.map((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor ?? ''));
    expect(new Set(colours).size).toBe(2);
    const points = page.getByTestId('chart-point');
    const all = await points.count();
    expect(all).toBe(Number(await chart.getAttribute('data-points')));
    expect(await page.locator('[data-testid="chart-point"][data-source="sentinel-2"][data-kind="clear"]').count()).toBeGreaterThan(2);
    expect(await page.locator('[data-testid="chart-point"][data-source="landsat"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="chart-point"]:is([data-kind="cloudy"], [data-kind="empty"])').count()).toBeGreaterThan(0);
    await app.shot(page, 'timeseries-chart');

    // Dragging across the chart zooms the time axis (fewer markers in view); reset shows them all.
    const plot = await page.locator('.timeseries-canvas .u-over').boundingBox();
    if (!plot) throw new Error('the chart has no plot area');
    const resetZoom = page.getByTestId('chart-reset-zoom');
    expect(await resetZoom.isDisabled()).toBe(true);
    await dragOnMap(page, [plot.x + plot.width * 0.02, plot.y + plot.height / 2], [plot.x + plot.width * 0.45, plot.y + plot.height / 2]);
    await expect.poll(() => resetZoom.isEnabled()).toBe(true);
    await expect.poll(() => points.count()).toBeLessThan(all);
    expect(await points.count()).toBeGreaterThan(0);
    await app.shot(page, 'timeseries-zoomed');
    await resetZoom.click();
    await expect.poll(() => points.count()).toBe(all);
    await expect.poll(() => resetZoom.isDisabled()).toBe(true);

    // Hover a Landsat point: its date, source and scene; click it: that scene is selected, its
    // footprint joins the map (the search held Sentinel-2 only) and its row is pressed.
    const footprints = page.locator('.footprints-layer');
    const drawnBefore = Number(await footprints.getAttribute('data-drawn'));
    const point = page.locator('[data-testid="chart-point"][data-source="landsat"][data-kind="clear"]').first();
    const sceneId = (await point.getAttribute('data-scene-id')) ?? '';
    expect(landsat).toContain(sceneId);
    const box = await point.boundingBox();
    if (!box) throw new Error('the Landsat point has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = page.getByTestId('chart-tooltip');
    await expectAttribute(tooltip, 'data-scene-id', sceneId);
    await expectContains(tooltip, 'Landsat');
    await expectContains(tooltip, summer.slice(0, 4));
    await app.shot(page, 'timeseries-hover');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const row = page.locator(`[data-testid="result-row"][data-scene-id="${sceneId}"]`);
    await expectAttribute(row, 'aria-pressed', 'true', 30_000);
    await expectAttribute(footprints, 'data-drawn', String(drawnBefore + 1));
    await expectVisible(page.getByTestId('scene-panel'));
    await expectContains(page.getByTestId('scene-panel'), sceneId.slice(sceneId.indexOf(':') + 1));
    await expectContains(page.getByTestId('chart-note'), `Selected ${sceneId}`);
    // The kit serves no Landsat thumbnail (the service answers 502 for it): the panel says so, and
    // one missing file does not make the app claim the catalogs are unreachable.
    await expectVisible(page.locator('.thumbnail-missing'));
    expect(await page.getByTestId('offline-indicator').count()).toBe(0);
    await app.shot(page, 'scene-selected-from-chart');

    // Export CSV (the service's result.csv) and PNG (the chart canvas).
    const [csv] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dock.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^astra-timeseries-ndvi-.*\.csv$/);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.split('\n')[0]).toBe('datetime,source,platform,variable,mean,median,std,min,max,p10,p90,valid_pixels,cloud_fraction,scenes');
    expect(csvText).toContain(sceneId);
    const [png] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dock.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toMatch(/^astra-timeseries-ndvi-.*\.png$/);
    expect(readFileSync(await png.path()).subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');

    // A true-colour composite of the summer: how many scenes it will use, before it runs.
    await page.getByTestId('tab-processing').click();
    await page.getByTestId('processing-form-area').click();
    await page.getByTestId('area-kind-composite').check();
    await setPeriod(page, 'area-period', summer);
    await page.getByTestId('area-variable-mode').selectOption('rgb');
    await page.getByTestId('area-reducer').selectOption('median');
    await expectAttribute(page.getByTestId('area-preview'), 'data-state', 'ok', 30_000);
    const scenes = Number(await page.getByTestId('area-preview').getAttribute('data-scenes'));
    expect(scenes).toBeGreaterThan(3);
    await expectContains(page.getByTestId('area-preview-scenes'), `${scenes} scenes`);
    await app.shot(page, 'composite-form');

    // Slow COG bytes keep the job running long enough to see its phase with counts.
    app.catalog.fake.faults.files.latencyMs = 150;
    await page.getByTestId('area-submit').click();
    const job = page.locator('[data-testid="job-row"]').filter({ hasText: 'Composite median true colour' }).first();
    await expect.poll(() => job.getByTestId('job-phase').textContent().catch(() => ''), { timeout: 60_000 }).toMatch(/^(Finding scenes|Reading|Reducing|Writing) · \d+ of \d+$/);
    await app.shot(page, 'composite-running');
    app.catalog.fake.faults.files.latencyMs = 0;
    const ended = await waitForJobEnd(job, 180_000);
    expect(ended, `composite ended ${ended.status}: ${ended.text}`).toMatchObject({ status: 'succeeded' });

    // The layer in true colour with its legend; once the view has fitted it and drawn it, a click
    // at its centre reads three reflectances.
    const movesBefore = await mapMoves(page);
    await job.getByTestId('job-show-layer').click();
    await expectVisible(page.getByTestId('legend-rgb'));
    await expectContains(page.getByTestId('legend'), 'Composite median true colour');
    await expectAttribute(page.getByTestId('overlay-row').filter({ hasText: 'Composite' }), 'data-overlay-status', 'ready', 30_000);
    await waitForStillMap(page, movesBefore);
    const mapBox = await page.getByTestId('map').boundingBox();
    if (!mapBox) throw new Error('map has no box');
    await page.mouse.click(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height / 2);
    await expect.poll(() => page.getByTestId('pixel-value').first().textContent().catch(() => null), { timeout: 15_000 }).toMatch(/^reflectance -?\d\.\d{3}, -?\d\.\d{3}, -?\d\.\d{3}$/);
    await app.shot(page, 'composite-layer');

    // Export GeoTIFF: three Float32 bands GDAL reads as a projected raster.
    const [tif] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), job.getByTestId('export-geotiff').click()]);
    expect(tif.suggestedFilename()).toMatch(/^astra-composite-rgb-median-.*\.tif$/);
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', await tif.path()], { encoding: 'utf8' })) as { bands: Array<{ type: string }>; coordinateSystem?: { wkt?: string } };
    expect(info.bands.map((b) => b.type)).toEqual(['Float32', 'Float32', 'Float32']);
    expect(info.coordinateSystem?.wkt ?? '').toMatch(/UTM|PROJCRS/);

    // A script's composite in EPSG:3035 (ETRS89-LAEA Europe, which the map does not know by
    // itself) is drawn as well: the map asks the service for the CRS, not the web.
    const scripted = await app.svc.api('/api/v1/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'composite', aoi: kit.manifest.aois.bbox, datetime: summer, index: 'ndvi', reducer: 'median', crs: 'EPSG:3035', resolution: 20 }),
    });
    expect(scripted.status).toBe(202);
    const scriptedId = (await scripted.json() as { id: string }).id;
    const laea = page.locator(`[data-testid="job-row"][data-job-id="${scriptedId}"]`);
    expect(await waitForJobEnd(laea, 180_000)).toMatchObject({ status: 'succeeded' });
    const overlaysBefore = await page.getByTestId('overlay-row').count();
    await laea.getByTestId('job-show-layer').click();
    await expect.poll(() => page.getByTestId('overlay-row').count(), { timeout: 15_000 }).toBe(overlaysBefore + 1);
    const askedForCrs = () => app.requests.some((url) => url.includes('/api/v1/crs/EPSG%3A3035') || url.includes('/api/v1/crs/EPSG:3035'));
    await expect.poll(askedForCrs, { timeout: 30_000 }).toBe(true);
    // Every layer (the new one among them) drawn, none failed for want of its projection.
    const statuses = () => page.getByTestId('overlay-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-overlay-status')));
    await expect.poll(statuses, { timeout: 30_000 }).toEqual(new Array(overlaysBefore + 1).fill('ready'));
    await app.shot(page, 'composite-epsg-3035');

    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
