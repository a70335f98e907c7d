/**
 * The Remote tab: adding a remote openEO back-end (the fake one) with basic sign-in — a wrong
 * password refused with the back-end's answer, the right one signs in — after which the job form
 * offers it under "Run on"; the password is never shown again. Checked against the service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OPENEO_USER, startFakeOpenEo, type FakeOpenEo } from '../helpers/fake-openeo';
import { useE2eApp } from '../helpers/e2e-app';
import { expectContains, expectCount, expectText } from '../helpers/e2e-expect';

const app = useE2eApp('remote-backends', { routes: ['PUT /api/v1/settings', 'POST /api/v1/settings/openeo-backends/{id}/sign-in'] });
let backend: FakeOpenEo;

beforeAll(async () => { backend = await startFakeOpenEo(); });
afterAll(async () => { await backend?.close(); });

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
});
