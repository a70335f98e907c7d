/**
 * The Remote tab: adding a remote openEO back-end (the fake one) with basic sign-in — a wrong
 * password refused with the back-end's answer, the right one signs in — after which the job form
 * offers it under "Run on"; the password is never shown again. Then an NDVI job run on it from
 * the form: the job row follows the remote job (status, the back-end's estimate) to its result,
 * a layer on the map like a local one. Checked against the service.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_ID, journeyHash } from '../helpers/e2e-catalog';
import { FAKE_OPENEO_USER, startFakeOpenEo, type FakeOpenEo } from '../helpers/fake-openeo';
import { useE2eApp } from '../helpers/e2e-app';
import { expectAttribute, expectContains, expectCount, expectText, expectVisible, waitForJobEnd } from '../helpers/e2e-expect';
import { makeResultTiles, type ResultTiles } from '../integration/openeo/helpers/result-tiles';

const app = useE2eApp('remote-backends', {
  catalog: {}, overrides: { openEoPollIntervalMs: 50 },
  routes: ['PUT /api/v1/settings', 'POST /api/v1/settings/openeo-backends/{id}/sign-in', 'POST /api/v1/jobs'],
});
let backend: FakeOpenEo;
let tiles: ResultTiles;

beforeAll(async () => {
  tiles = await makeResultTiles();
  backend = await startFakeOpenEo({ resultAssets: [{ name: 'part-west.tif', file: tiles.west }, { name: 'part-east.tif', file: tiles.east }] });
});
afterAll(async () => {
  await backend?.close();
  if (tiles) rmSync(tiles.dir, { recursive: true, force: true });
});

describe('Remote tab', () => {
  it('adds a back-end, signs in with basic, and offers it to run jobs on', async () => {
    const page = await app.open();
    await page.getByTestId('tab-remote').click();
    await expectContains(page.getByTestId('remote-panel'), 'No remote back-end yet');

    await page.getByTestId('remote-add').click();
    await page.getByTestId('remote-id').fill('fake');
    await page.getByTestId('remote-url').fill(backend.url);
    await page.getByTestId('remote-title').fill('Fake openEO');
    await page.getByTestId('remote-auth').selectOption('basic');
    await page.getByTestId('remote-username').fill(FAKE_OPENEO_USER[0]);
    await page.getByTestId('remote-save').click();
    const row = page.getByTestId('remote-row').filter({ hasText: 'Fake openEO' });
    await expectText(row.getByTestId('remote-state'), 'Not signed in');
    await app.shot(page, 'added');

    await row.getByTestId('remote-password').fill('not-the-password');
    await row.getByTestId('remote-sign-in').click();
    await expectContains(row.getByTestId('remote-sign-in-error'), 'refused the user name or password');
    await row.getByTestId('remote-password').fill(FAKE_OPENEO_USER[1]);
    await row.getByTestId('remote-sign-in').click();
    await expectText(row.getByTestId('remote-state'), 'Signed in');
    await expectCount(row.getByTestId('remote-password'), 0);
    await app.shot(page, 'signed-in');

    const settings = (await (await app.svc.api('/api/v1/settings')).json()) as { openeo_backends: Array<{ id: string; signed_in: boolean }> };
    expect(settings.openeo_backends).toEqual([expect.objectContaining({ id: 'fake', signed_in: true, url: backend.url, auth: 'basic' })]);
    expect(backend.requests.filter((request) => request.path.endsWith('/credentials/basic'))).toHaveLength(2);

    await page.getByTestId('tab-processing').click();
    const runOn = page.getByTestId('job-run-on');
    await expectContains(runOn, 'Fake openEO (openEO)');
    expect(await runOn.inputValue()).toBe('local');
    expect(await page.content()).not.toContain(FAKE_OPENEO_USER[1]);
    expect(app.pageErrors).toEqual([]);
  });

  it('runs an NDVI job on it: the job row follows the remote job to a result shown on the map', async () => {
    const page = await app.open(journeyHash());
    await expectCount(page.getByTestId('result-row'), 2, 30_000);
    await page.locator(`[data-testid="result-row"][data-scene-id="${AFTER_ID}"]`).click();
    await page.getByTestId('tab-processing').click();
    await page.getByTestId('job-operation').selectOption('ndvi');
    await page.getByTestId('job-run-on').selectOption('fake');
    await page.getByTestId('job-submit').click();
    const job = page.getByTestId('job-row').first();
    await expectContains(job.getByTestId('job-remote-status'), 'On fake', 30_000);
    await expectContains(job.getByTestId('job-remote-estimate'), 'costs 12.5 · about 2 h 30 min');
    // The remote job: the test moves it on, the service follows it (every 50 ms here).
    await expect.poll(() => backend.jobs.all().length, { timeout: 30_000 }).toBe(1);
    const [remote] = backend.jobs.all();
    await expect.poll(() => {
      if (remote.status === 'queued' || remote.status === 'running') backend.jobs.advance(remote.id);
      return remote.status;
    }, { timeout: 30_000, interval: 200 }).toBe('finished');
    const ended = await waitForJobEnd(job);
    expect(ended, ended.text).toMatchObject({ status: 'succeeded' });
    await expectContains(job.getByTestId('job-remote-status'), 'On fake: finished · 100 %');
    await expectContains(job.getByTestId('job-stats'), 'valid 100 %');
    await job.getByTestId('job-show-layer').click();
    await expectVisible(page.getByTestId('legend'));
    await expectAttribute(page.getByTestId('overlay-row').filter({ hasText: 'NDVI' }), 'data-overlay-status', 'ready', 30_000);
    // Its tiles come from the result COG through the service, as a local result's do.
    await expect.poll(() => app.requests.some((url) => url.includes(`/api/v1/jobs/`) && url.includes('/result.tif')), { timeout: 20_000 }).toBe(true);
    // Click the map: the result's value under the pointer (the back-end's pixels: −0.49…0.99).
    // The map zooms to the new layer first; a click while it moves or paints reads nothing, so
    // click again until the readout shows.
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map has no box');
    await expect.poll(async () => {
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      return page.getByTestId('pixel-value').first().textContent({ timeout: 1_000 }).catch(() => null);
    }, { timeout: 20_000, interval: 500 }).toMatch(/^-?\d\.\d{3}$/);
    const value = Number(await page.getByTestId('pixel-value').first().textContent());
    expect(value).toBeGreaterThan(-0.5);
    expect(value).toBeLessThan(1);
    await app.shot(page, 'remote-result');
    expect(app.pageErrors).toEqual([]);
  });
});
