/**
 * Many results: the list is virtualized (a few dozen row elements for hundreds of results), rows
 * and footprints are linked, Next page follows the `next` link, and a source that times out is
 * named plainly ("Planetary Computer timed out — results from 2 of 3 sources").
 */
import { describe, expect, it } from 'vitest';
import { AFTER_ID, journeyHash } from '../../helpers/e2e-catalog';
import { useE2eApp, waitForBasemap } from '../../helpers/e2e-app';
import { expectAttribute, expectContains, expectText } from '../../helpers/e2e-expect';

// 2 + 598 acquisitions of one tile: three pages of 250. Planetary Computer hangs and times out;
// the others must answer within the timeout even on a loaded machine, so it is not tight.
const app = useE2eApp('journey-results', {
  catalog: { extraScenes: 598 },
  prepare: (catalog) => { catalog.fake.faults.planetaryComputer.hang = true; },
  env: { ASTRA_UPSTREAM_TIMEOUT_MS: '8000' },
  routes: ['GET /api/v1/search'],
});

describe('results list', () => {
  it('virtualizes hundreds of rows, pages with Next, and names the source that timed out', async () => {
    const hash = journeyHash().replace('datetime=2020-02-01/2020-02-29', 'datetime=2018-01-01/2020-03-01').replace('sources=sentinel-2', 'sources=sentinel-2,landsat,planetary-computer');
    const page = await app.open(hash);
    await waitForBasemap(page);
    await expectContains(page.getByTestId('results-count'), '250 scenes', 30_000);
    // NOTE: the service answers a timed-out source from its cache (`served_from_cache`), so the
    // sentence is the cache variant unless the service reports `timeout` itself.
    await expectText(page.getByTestId('source-warnings'), /^Planetary Computer (timed out — results|did not answer — its results come from the local cache — live results) from 2 of 3 sources$/);

    // Virtualized: far fewer row elements than results.
    const rendered = await page.getByTestId('result-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    await expectAttribute(page.locator('.footprints-layer'), 'data-drawn', '250');
    await app.shot(page, 'first-page');

    // Scroll to the end: the last rows are rendered on demand.
    await page.evaluate("document.querySelector('.results-list').scrollTop = 1e9");
    await expect.poll(() => page.locator('[aria-posinset="250"]').count()).toBe(1);

    await page.getByTestId('next-page').click();
    await expectContains(page.getByTestId('results-count'), '500 scenes', 30_000);
    await expectAttribute(page.locator('.footprints-layer'), 'data-drawn', '500');
    expect(await page.getByTestId('result-row').count()).toBeLessThan(40);

    // Back at the top, a row's hover highlights it; click selects it and opens the scene.
    await page.evaluate("document.querySelector('.results-list').scrollTop = 0");
    const row = page.locator(`[data-testid="result-row"][data-scene-id="${AFTER_ID}"]`);
    await row.hover();
    await expect.poll(() => row.getAttribute('class')).toContain('hovered');
    await row.click();
    await expectAttribute(row, 'aria-pressed', 'true');
    await expectContains(page.getByTestId('scene-metadata'), '2020-02-19');
    await app.shot(page, 'second-page');
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
