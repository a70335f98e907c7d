import { describe, expect, it } from 'vitest';
import { advanceBound, idHash, keysetBody, undelivered } from '../../../electron/service/sources/planetary-computer/pc-paging';
import { FIXTURE, fixtureFeatures, type Json } from '../../helpers/fake-upstream/fixture-files';
import { sortItems } from '../../helpers/fake-upstream/stac-filter';

/** Real PC items in the order PC streams them for `-datetime` (33 of them share one datetime). */
const stream = sortItems(
  [FIXTURE.pcS2Search, FIXTURE.pcS2Tile13TDE, FIXTURE.pcS2Tile35MNM].flatMap(fixtureFeatures),
  [{ field: 'datetime', direction: 'desc' }],
);
const ids = (raws: unknown[]): string[] => raws.map((raw) => String((raw as Json).id));

describe('de-duplication of overlapping PC pages (microsoft/PlanetaryComputer#163)', () => {
  it.each([[5, 3], [15, 4], [20, 20], [40, 7]])('drops the overlap when page 2 repeats items (page 1 ends at %i, overlap %i)', (end, overlap) => {
    const page1 = stream.slice(0, end);
    const page2 = stream.slice(end - overlap, end + 10);
    const bound = advanceBound(page1, undefined, '-datetime');
    expect(ids(undelivered(page2, bound, '-datetime'))).toEqual(ids(stream.slice(end, end + 10)));
  });

  it('drops duplicates inside one page', () => {
    const page = [stream[0], stream[1], stream[0]];
    expect(ids(undelivered(page, undefined, '-datetime'))).toEqual(ids([stream[0], stream[1]]));
  });

  it('remembers ids only at the boundary value, hashed', () => {
    const datetimeOf = (raw: Json): unknown => (raw.properties as Json).datetime;
    const tieStart = stream.findIndex((raw, i) => i + 1 < stream.length && datetimeOf(raw) === datetimeOf(stream[i + 1]));
    const end = tieStart + 6;
    const tied = stream.filter((raw) => datetimeOf(raw) === datetimeOf(stream[tieStart]));
    expect(tied.length).toBeGreaterThan(10);
    const bound = advanceBound(stream.slice(0, end), undefined, '-datetime');
    expect(bound?.seen).toEqual(stream.slice(tieStart, end).map((raw) => idHash(String(raw.id))));
    expect(ids(undelivered(stream, bound, '-datetime'))).toEqual(ids(stream.slice(end)));
  });
});

describe('keyset requests', () => {
  const bound = { at: [Date.parse('2020-06-01T08:06:11.024Z')], datetime: '2020-06-01T08:06:11.024000Z', seen: [] };
  const base = { collections: ['sentinel-2-l2a'], limit: 10, datetime: '2020-01-01T00:00:00.000Z/..', query: { 'eo:cloud_cover': { lt: 30 } }, sortby: [{ field: 'datetime', direction: 'desc' }] };

  it('narrow the time window to the bound, sort by id and continue after the last id', () => {
    expect(keysetBody(base, bound, 'S2B_X', '-datetime')).toEqual({
      ...base,
      datetime: `2020-01-01T00:00:00.000Z/${bound.datetime}`,
      sortby: [{ field: 'id', direction: 'asc' }],
      query: { 'eo:cloud_cover': { lt: 30 }, id: { gt: 'S2B_X' } },
    });
    expect(keysetBody(base, bound, undefined, 'datetime').datetime).toBe(`${bound.datetime}/..`);
    expect((keysetBody(base, bound, undefined, '-datetime').query as Json).id).toBeUndefined();
  });

  it('narrow cloud-cover sorts by cloud cover and keep a single-instant datetime as it is', () => {
    const cloudBound = { ...bound, at: [12.5, bound.at[0]] };
    expect(keysetBody(base, cloudBound, undefined, 'cloud_cover').query).toEqual({ 'eo:cloud_cover': { lt: 30, gte: 12.5 } });
    const instant = { ...base, datetime: '2019-01-01T00:00:01.024Z' };
    expect(keysetBody(instant, bound, undefined, '-datetime').datetime).toBe(instant.datetime);
  });
});
