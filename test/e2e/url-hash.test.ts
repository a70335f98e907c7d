/**
 * The URL hash mirrors the view, the AOI and the search form (`#bbox=…&datetime=a/b&cloud=20…`),
 * so a link reopens the same search.
 */
import { describe, expect, it } from 'vitest';
import { dragOnMap, hashParams, useE2eApp, waitForBasemap } from '../helpers/e2e-app';
import { expectText, expectContains, expectValue, expectChecked, expectVisible } from '../helpers/e2e-expect';

const app = useE2eApp('hash');

describe('URL hash', () => {
  it('restores view and form from a link, and writes changes back', async () => {
    const page = await app.open('#bbox=5,45,15,50&datetime=2024-01-01/2024-03-31&cloud=35&sources=sentinel-2,landsat');
    await waitForBasemap(page);
    await expectValue(page.getByTestId('search-start'), '2024-01-01');
    await expectValue(page.getByTestId('search-end'), '2024-03-31');
    await expectText(page.getByTestId('cloud-value'), '35 %');
    await expectChecked(page.getByTestId('source-sentinel-2'), true);
    await expectChecked(page.getByTestId('source-landsat'), true);
    await expectChecked(page.getByTestId('source-planetary-computer'), false);
    // The link's box is the search area until the map is moved.
    await expectContains(page.getByTestId('search-area'), 'Map view 5.00, 45.00, 15.00, 50.00');
    await expect.poll(() => hashParams(page).get('bbox')).toBe('5,45,15,50');
    await app.shot(page, 'restored-from-link');

    // Form edits are written back.
    await page.getByTestId('search-cloud').fill('60');
    await expect.poll(() => hashParams(page).get('cloud')).toBe('60');
    await page.getByTestId('source-planetary-computer').check();
    await expect.poll(() => hashParams(page).get('sources')).toBe('sentinel-2,landsat,planetary-computer');

    // Draw an AOI: it joins the hash and becomes the search area.
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map has no box');
    await page.getByTestId('aoi-draw').click();
    await dragOnMap(page, [box.x + box.width * 0.35, box.y + box.height * 0.35], [box.x + box.width * 0.6, box.y + box.height * 0.65]);
    await expect.poll(() => hashParams(page).get('aoi')).toMatch(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/);
    await expectContains(page.getByTestId('search-area'), 'AOI');
    const aoi = hashParams(page).get('aoi')?.split(',').map(Number) ?? [];
    expect(aoi[0]).toBeGreaterThan(5);
    expect(aoi[2]).toBeLessThan(15);
    await app.shot(page, 'aoi-drawn');

    // Resize the AOI by dragging its right edge outwards; it stays a rectangle.
    const rightEdgeX = box.x + box.width * 0.6;
    await dragOnMap(page, [rightEdgeX, box.y + box.height * 0.5], [rightEdgeX + box.width * 0.1, box.y + box.height * 0.5]);
    await expect.poll(() => Number(hashParams(page).get('aoi')?.split(',')[2])).toBeGreaterThan(aoi[2] + 0.5);
    const resized = hashParams(page).get('aoi')?.split(',').map(Number) ?? [];
    expect(resized[1]).toBeCloseTo(aoi[1], 1);
    expect(resized[3]).toBeCloseTo(aoi[3], 1);

    // Panning the map moves the view, not the AOI.
    const viewBefore = hashParams(page).get('bbox');
    await dragOnMap(page, [box.x + box.width * 0.15, box.y + box.height * 0.85], [box.x + box.width * 0.05, box.y + box.height * 0.8]);
    await expect.poll(() => hashParams(page).get('bbox')).not.toBe(viewBefore);
    expect(hashParams(page).get('aoi')).toBe(resized.join(','));

    // The link reopens the same state in a fresh page.
    const link = page.url();
    const again = await app.browser.context.newPage();
    await again.goto(link.replace(/^[^#]*/, `${app.svc.url}/`));
    await expectVisible(again.getByTestId('aoi-bbox'), 20_000);
    await expectContains(again.getByTestId('search-area'), 'AOI');
    await expectText(again.getByTestId('cloud-value'), '60 %');
    expect(hashParams(again).get('aoi')).toBe(resized.join(','));
    await again.close();

    await page.getByTestId('aoi-clear').click();
    await expect.poll(() => hashParams(page).get('aoi')).toBeNull();
    await expectContains(page.getByTestId('search-area'), 'Map view');
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
