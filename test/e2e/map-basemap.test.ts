/**
 * The map: offline Natural Earth basemap painted from files of this app (no network tiles), scale
 * line, mouse position and zoom; the view mirrored into the URL hash.
 */
import { describe, expect, it } from 'vitest';
import { hashParams, landShare, useE2eApp, waitForBasemap } from '../helpers/e2e-app';

const app = useE2eApp('map');

describe('map with the offline basemap', () => {
  it('paints Natural Earth land from this app only, with scale line, mouse position and zoom', async () => {
    const page = await app.open();
    await waitForBasemap(page);
    expect(await landShare(page)).toBeGreaterThan(0.05);
    await app.shot(page, 'world');

    await expect.poll(() => page.locator('.ol-scale-line-inner').textContent()).toMatch(/^\d+ (km|m)$/);
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map has no box');
    // Over Africa-ish: the middle of the map at the start view.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('.map-mouse-position').textContent()).toMatch(/^\d+\.\d{4}° [NS], \d+\.\d{4}° [EW]$/);

    const before = hashParams(page).get('bbox')?.split(',').map(Number);
    expect(before).toHaveLength(4);
    await page.locator('.ol-zoom-in').click();
    await expect.poll(() => hashParams(page).get('bbox')).not.toBe(before?.join(','));
    const after = hashParams(page).get('bbox')?.split(',').map(Number) ?? [];
    expect(after[2] - after[0]).toBeLessThan(((before?.[2] ?? 0) - (before?.[0] ?? 0)) * 0.75);
    await waitForBasemap(page);
    await app.shot(page, 'zoomed-in');

    // Everything the page loaded came from the service itself (or blob:/data: URLs it made).
    const foreign = app.requests.filter((url) => !url.startsWith(app.svc.url) && !/^(blob|data):/.test(url));
    expect(foreign).toEqual([]);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
