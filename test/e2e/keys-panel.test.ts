/**
 * The API Keys panel: base URL, keys with names, scopes and dates, Create Key with chosen scopes
 * (shown once, with copy and ready-to-paste curl/Python using the real base URL) and revoke —
 * checked against the service.
 */
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { expectText, expectContains, expectVisible, expectCount, expectChecked } from '../helpers/e2e-expect';

const app = useE2eApp('keys');

describe('API Keys panel', () => {
  it('lists, creates (with scopes, shown once, with snippets) and revokes keys', async () => {
    const page = await app.open();
    await page.getByTestId('tab-keys').click();
    await expectText(page.getByTestId('api-base-url'), `${app.svc.url}/api/v1`);
    // The key the test service created for this browser session is listed by name with its date.
    const today = new Date().toISOString().slice(0, 10);
    await expectContains(page.getByTestId('key-row').filter({ hasText: 'test' }), today);
    await expectText(page.getByTestId('key-row').filter({ hasText: 'test' }).getByTestId('key-scopes'), 'read, process, admin');

    // An empty name is refused in the panel with a readable message.
    await page.getByTestId('create-key').click();
    await expectContains(page.getByTestId('create-key-error'), 'Give the key a name');

    // Scopes: read and process are chosen by default; none at all is refused in the panel.
    await expectChecked(page.getByTestId('key-scope-read'), true);
    await expectChecked(page.getByTestId('key-scope-process'), true);
    await expectChecked(page.getByTestId('key-scope-admin'), false);
    await page.getByTestId('key-name').fill('notebook');
    await page.getByTestId('key-scope-read').uncheck();
    await page.getByTestId('key-scope-process').uncheck();
    await page.getByTestId('create-key').click();
    await expectContains(page.getByTestId('create-key-error'), 'Choose at least one scope');
    await page.getByTestId('key-scope-read').check();
    await page.getByTestId('key-scope-process').check();
    await page.getByTestId('create-key').click();
    const keyText = page.getByTestId('created-key-value');
    await expectText(keyText, /^astra_sk_live_[0-9A-Za-z]{32,}$/);
    const key = (await keyText.textContent()) ?? '';
    await expectText(page.getByTestId('created-key-scopes'), 'read, process');
    await expectContains(page.getByTestId('snippet-curl'), `curl "${app.svc.url}/api/v1/search?bbox=`);
    await expectContains(page.getByTestId('snippet-curl'), `Authorization: Bearer ${key}`);
    await expectContains(page.getByTestId('snippet-python'), `"${app.svc.url}/api/v1/search"`);
    await expectContains(page.getByTestId('snippet-python'), `"Authorization": "Bearer ${key}"`);
    await expectVisible(page.getByTestId('copy-key'));
    const row = page.getByTestId('key-row').filter({ hasText: 'notebook' });
    await expectContains(row, today);
    await expectContains(row, key.slice(0, 14));
    await expectText(row.getByTestId('key-scopes'), 'read, process');
    await app.shot(page, 'created');

    // The new key really works, for scripts, within its scopes: it reads, but manages no keys.
    const asScript = await fetch(`${app.svc.url}/api/v1/sources`, { headers: { authorization: `Bearer ${key}` } });
    expect(asScript.status).toBe(200);
    const keysAsScript = await fetch(`${app.svc.url}/api/v1/keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(keysAsScript.status).toBe(403);
    expect(await keysAsScript.json()).toMatchObject({ error: { code: 'insufficient_scope', scope: 'admin' } });

    // Shown once: after "I have copied it" the key is gone from the page for good.
    await page.getByTestId('created-key-done').click();
    await expectCount(page.getByTestId('created-key'), 0);
    expect(await page.content()).not.toContain(key);

    // An admin key, chosen in the form, may manage keys.
    await page.getByTestId('key-name').fill('ops');
    await page.getByTestId('key-scope-admin').check();
    await page.getByTestId('create-key').click();
    await expectText(page.getByTestId('created-key-scopes'), 'read, process, admin');
    const adminKey = (await page.getByTestId('created-key-value').textContent()) ?? '';
    await expectText(page.getByTestId('key-row').filter({ hasText: 'ops' }).getByTestId('key-scopes'), 'read, process, admin');
    expect((await fetch(`${app.svc.url}/api/v1/keys`, { headers: { authorization: `Bearer ${adminKey}` } })).status).toBe(200);
    await page.getByTestId('created-key-done').click();
    // The form is back to the default scopes.
    await expectChecked(page.getByTestId('key-scope-admin'), false);

    await row.getByTestId('revoke-key').click();
    await row.getByTestId('revoke-confirm').click();
    await expectContains(row.getByTestId('key-revoked'), 'revoked');
    const afterRevoke = await fetch(`${app.svc.url}/api/v1/sources`, { headers: { authorization: `Bearer ${key}` } });
    expect(afterRevoke.status).toBe(401);
    await app.shot(page, 'revoked');
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
