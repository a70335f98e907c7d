/**
 * Offline: "Make available offline" fetches a scene with a progress bar; with the service
 * switched to offline and the upstream catalogs gone, the same search still finds the scene, its
 * preview still draws from the cache, and the header says the app is offline. The cache panel
 * shows the stored bytes and clears them.
 */
import { describe, expect, it } from 'vitest';
import { AFTER_ID, journeyHash } from '../../helpers/e2e-catalog';
import { useE2eApp, waitForBasemap } from '../../helpers/e2e-app';
import { expectAttribute, expectContains, expectCount, expectVisible } from '../../helpers/e2e-expect';

const app = useE2eApp('journey-offline', { catalog: {}, routes: ['GET /api/v1/search', 'GET /api/v1/cache', 'POST /api/v1/cache/offline', 'GET /api/v1/settings'] });

describe('offline', () => {
  it('keeps a scene viewable with the catalogs gone', async () => {
    const page = await app.open(journeyHash());
    await waitForBasemap(page);
    const row = page.locator(`[data-testid="result-row"][data-scene-id="${AFTER_ID}"]`);
    await expectCount(row, 1, 30_000);
    await row.click();
    await expectVisible(page.getByTestId('scene-panel'));

    await page.getByTestId('make-offline').click();
    await expectVisible(page.getByTestId('offline-download').getByTestId('progress'));
    await expectContains(page.getByTestId('make-offline'), 'Available offline', 120_000);
    await app.shot(page, 'made-offline');

    // Offline: the switch on, the catalogs gone.
    await page.getByTestId('tab-cache').click();
    await expect.poll(() => page.getByTestId('cache-report').textContent().catch(() => '')).toMatch(/bytes\s*[1-9]/);
    // An offline prefetch keeps its bytes in the cache, not as a job result.
    await expectContains(page.getByTestId('cache-results'), 'Job results: 0 B in 0 jobs');
    await page.getByTestId('work-offline').check();
    await expectContains(page.getByTestId('offline-indicator'), 'Offline');
    await app.catalog.fake.close();

    await page.getByTestId('search-submit').click();
    await expectCount(row, 1, 30_000);
    await row.click();
    await page.getByTestId('tab-scene').click();
    await page.getByTestId('preview').click();
    await page.getByTestId('tab-processing').click();
    await expectAttribute(page.getByTestId('overlay-row').filter({ hasText: 'Preview' }), 'data-overlay-status', 'ready', 30_000);
    await page.waitForTimeout(1500);
    await app.shot(page, 'offline-preview');

    // The cache panel clears what was stored.
    await page.getByTestId('tab-cache').click();
    await page.getByTestId('cache-clear').click();
    await page.getByTestId('cache-clear-confirm').click();
    await expect.poll(() => page.getByTestId('cache-report').textContent().catch(() => '')).toMatch(/blocks\s*0/);
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
