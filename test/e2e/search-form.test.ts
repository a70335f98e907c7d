/** The search form shows what is wrong beside the field and does not send an invalid search. */
import { describe, expect, it } from 'vitest';
import { useE2eApp, waitForBasemap } from '../helpers/e2e-app';
import { expectText, expectAttribute, expectVisible, expectCount } from '../helpers/e2e-expect';

const app = useE2eApp('search-form');

describe('search form validation', () => {
  it('marks bad dates and missing sources, sends nothing until they are fixed', async () => {
    const page = await app.open();
    await waitForBasemap(page);
    await expectText(page.getByTestId('search-submit'), 'Search');
    await expectCount(page.getByTestId('error-datetime'), 0);

    await page.getByTestId('search-start').fill('2024-05-01');
    await page.getByTestId('search-end').fill('2024-04-01');
    await expectText(page.getByTestId('error-datetime'), 'The start date is after the end date.');
    await expectAttribute(page.getByTestId('search-start'), 'aria-invalid', 'true');

    for (const source of ['sentinel-2', 'landsat', 'planetary-computer']) await page.getByTestId(`source-${source}`).uncheck();
    await expectText(page.getByTestId('error-sources'), 'Choose at least one source.');

    const searchesBefore = app.requests.filter((u) => u.includes('/api/v1/search')).length;
    await page.getByTestId('search-submit').click();
    await expectVisible(page.getByText('Fix the fields marked above.'));
    await app.shot(page, 'invalid');
    expect(app.requests.filter((u) => u.includes('/api/v1/search')).length).toBe(searchesBefore);

    await page.getByTestId('search-end').fill('2024-06-30');
    await page.getByTestId('source-landsat').check();
    await expectCount(page.getByTestId('error-datetime'), 0);
    await expectCount(page.getByTestId('error-sources'), 0);
    await expectCount(page.getByText('Fix the fields marked above.'), 0);
    await app.shot(page, 'fixed');
    expect(app.pageErrors).toEqual([]);
    await page.close();
  });
});
