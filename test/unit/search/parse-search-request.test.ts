import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/service/api/errors';
import { encodeCursor, requestFingerprint } from '../../../electron/service/search/cursor';
import { parseSearchBody, parseSearchQuery } from '../../../electron/service/search/parse-search-request';

function rejection(parse: () => unknown): { status: number; parameter?: string; message: string } {
  try {
    parse();
  } catch (error) {
    if (isAppError(error)) return { status: error.status, parameter: error.parameter, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

const BOX = '-122.5,37.5,-122.0,38.0';

describe('parseSearchQuery rejects bad input with a 400 naming the parameter', () => {
  const cases: [string, Record<string, unknown>, string, RegExp?][] = [
    ['no spatial filter', { datetime: '2024-01-01' }, 'bbox', /one of bbox, intersects or ids/],
    ['bbox with 3 numbers', { bbox: '1,2,3' }, 'bbox', /expected 4 numbers/],
    ['bbox with text', { bbox: '1,a,3,4' }, 'bbox', /not a number/],
    ['bbox empty', { bbox: '' }, 'bbox'],
    ['bbox latitude out of range', { bbox: '0,95,1,96' }, 'bbox', /^bbox: minLat 95 is outside -90\.\.90$/],
    ['bbox longitude out of range', { bbox: '-181,0,1,1' }, 'bbox', /minLon -181 is outside -180\.\.180/],
    ['bbox minLat > maxLat', { bbox: '0,10,1,5' }, 'bbox', /minLat 10 is greater than maxLat 5/],
    ['bbox repeated', { bbox: [BOX, BOX] }, 'bbox', /more than once/],
    ['intersects in GET', { intersects: '{"type":"Point","coordinates":[0,0]}' }, 'intersects', /POST/],
    ['bbox and ids', { bbox: BOX, ids: 'sentinel-2:A' }, 'ids', /only one of/],
    ['ids with unknown source', { ids: 'modis:X' }, 'ids', /unknown source "modis"/],
    ['ids without source prefix', { ids: 'S2A_ABC' }, 'ids', /<source>:<upstream id>/],
    ['ids with empty upstream id', { ids: 'sentinel-2:' }, 'ids'],
    ['ids outside sources', { ids: 'landsat:L1', sources: 'sentinel-2' }, 'ids', /leaves out/],
    ['datetime garbage', { bbox: BOX, datetime: 'yesterday' }, 'datetime', /RFC 3339/],
    ['datetime impossible date', { bbox: BOX, datetime: '2023-02-30' }, 'datetime', /calendar/],
    ['datetime hour 24', { bbox: BOX, datetime: '2023-02-03T24:00:00Z' }, 'datetime'],
    ['datetime without zone', { bbox: BOX, datetime: '2023-02-03T10:00:00' }, 'datetime'],
    ['datetime start after end', { bbox: BOX, datetime: '2024-02-01/2024-01-01' }, 'datetime', /after end/],
    ['datetime three parts', { bbox: BOX, datetime: '2024-01-01/2024-01-02/2024-01-03' }, 'datetime'],
    ['datetime lone open end', { bbox: BOX, datetime: '..' }, 'datetime'],
    ['cloud_cover_lt above 100', { bbox: BOX, cloud_cover_lt: '101' }, 'cloud_cover_lt', /outside 0\.\.100/],
    ['cloud_cover_lt negative', { bbox: BOX, cloud_cover_lt: '-1' }, 'cloud_cover_lt'],
    ['cloud_cover_lt text', { bbox: BOX, cloud_cover_lt: 'low' }, 'cloud_cover_lt'],
    ['sources unknown', { bbox: BOX, sources: 'sentinel-2,modis' }, 'sources', /unknown source "modis"/],
    ['sources empty entry', { bbox: BOX, sources: 'sentinel-2,' }, 'sources'],
    ['collections bad id', { bbox: BOX, collections: 'a b' }, 'collections'],
    ['limit zero', { bbox: BOX, limit: '0' }, 'limit', /outside 1\.\.500/],
    ['limit too big', { bbox: BOX, limit: '501' }, 'limit', /outside 1\.\.500/],
    ['limit fraction', { bbox: BOX, limit: '2.5' }, 'limit', /not an integer/],
    ['limit text', { bbox: BOX, limit: 'ten' }, 'limit'],
    ['sortby descending cloud', { bbox: BOX, sortby: '-cloud_cover' }, 'sortby', /not supported/],
    ['sortby unknown', { bbox: BOX, sortby: 'gsd' }, 'sortby'],
    ['sortby two fields', { bbox: BOX, sortby: '-datetime,cloud_cover' }, 'sortby', /exactly one/],
    ['cursor garbage', { bbox: BOX, cursor: 'not-a-cursor' }, 'cursor'],
    ['unknown parameter', { bbox: BOX, query: '{}' }, 'query', /unknown parameter/],
  ];
  it.each(cases)('%s', (_name, query, parameter, message) => {
    const error = rejection(() => parseSearchQuery(query));
    expect(error.status).toBe(400);
    expect(error.parameter).toBe(parameter);
    expect(error.message.startsWith(`${parameter}: `)).toBe(true);
    if (message) expect(error.message).toMatch(message);
  });
});

describe('parseSearchBody rejects bad input with a 400 naming the parameter', () => {
  const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
  const cases: [string, unknown, string][] = [
    ['body not an object', [1, 2], 'body'],
    ['bbox and intersects', { bbox: [0, 0, 1, 1], intersects: square }, 'intersects'],
    ['bbox with 6 numbers', { bbox: [0, 0, 0, 1, 1, 1] }, 'bbox'],
    ['bbox with a string number', { bbox: [0, '0', 1, 1] }, 'bbox'],
    ['intersects unknown type', { intersects: { type: 'Circle', coordinates: [0, 0] } }, 'intersects'],
    ['intersects GeometryCollection', { intersects: { type: 'GeometryCollection', geometries: [] } }, 'intersects'],
    ['intersects open ring', { intersects: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } }, 'intersects'],
    ['intersects latitude out of range', { intersects: { type: 'Point', coordinates: [0, 91] } }, 'intersects'],
    ['intersects short line', { intersects: { type: 'LineString', coordinates: [[0, 0]] } }, 'intersects'],
    ['ids not strings', { ids: [1, 2] }, 'ids'],
    ['limit as string is not a number type', { bbox: [0, 0, 1, 1], limit: true }, 'limit'],
    ['limit fraction', { bbox: [0, 0, 1, 1], limit: 1.5 }, 'limit'],
    ['sortby two entries', { bbox: [0, 0, 1, 1], sortby: [{ field: 'datetime' }, { field: 'id' }] }, 'sortby'],
    ['sortby bad direction', { bbox: [0, 0, 1, 1], sortby: [{ field: 'datetime', direction: 'up' }] }, 'sortby'],
    ['unknown parameter', { bbox: [0, 0, 1, 1], filter: {} }, 'filter'],
  ];
  it.each(cases)('%s', (_name, body, parameter) => {
    const error = rejection(() => parseSearchBody(body));
    expect(error.status).toBe(400);
    expect(error.parameter).toBe(parameter);
  });
});

describe('accepted forms', () => {
  it('applies the documented defaults', () => {
    const request = parseSearchQuery({ bbox: BOX });
    expect(request).toEqual({
      sources: ['sentinel-2', 'landsat', 'planetary-computer'],
      query: { bbox: [-122.5, 37.5, -122, 38] },
      limit: 10,
      sortby: '-datetime',
      crossesAntimeridian: false,
    });
  });

  it('parses the overview example (GET)', () => {
    const request = parseSearchQuery({ bbox: BOX, datetime: '2025-01-01/2025-02-01', cloud_cover_lt: '20', limit: '5' });
    expect(request.query.datetime).toEqual({ start: '2025-01-01T00:00:00.000Z', end: '2025-02-01T23:59:59.999Z' });
    expect(request.query.cloudCoverLt).toBe(20);
    expect(request.limit).toBe(5);
  });

  it.each([
    ['open start', '../2024-03-01T12:00:00Z', { start: null, end: '2024-03-01T12:00:00.000Z' }],
    ['open end', '2024-03-01T12:00:00Z/..', { start: '2024-03-01T12:00:00.000Z', end: null }],
    ['empty open end (STAC)', '2024-03-01/', { start: '2024-03-01T00:00:00.000Z', end: null }],
    ['bare end date means end of day', '2024-03-01T06:00:00Z/2024-03-02', { start: '2024-03-01T06:00:00.000Z', end: '2024-03-02T23:59:59.999Z' }],
    ['bare date alone is the whole day', '2024-02-29', { start: '2024-02-29T00:00:00.000Z', end: '2024-02-29T23:59:59.999Z' }],
    ['instant with offset, fraction', '2024-03-01T12:00:00.5+02:00', { start: '2024-03-01T10:00:00.500Z', end: '2024-03-01T10:00:00.500Z' }],
    ['lower-case t and z', '2024-03-01t12:00:00z', { start: '2024-03-01T12:00:00.000Z', end: '2024-03-01T12:00:00.000Z' }],
  ])('datetime %s', (_name, datetime, expected) => {
    expect(parseSearchQuery({ bbox: BOX, datetime }).query.datetime).toEqual(expected);
  });

  it('treats a fully open interval as no datetime filter', () => {
    expect(parseSearchQuery({ bbox: BOX, datetime: '../..' }).query.datetime).toBeUndefined();
  });

  it('accepts an antimeridian-crossing bbox and flags it', () => {
    const request = parseSearchQuery({ bbox: '170,-20,-170,20' });
    expect(request.crossesAntimeridian).toBe(true);
    expect(request.query.bbox).toEqual([170, -20, -170, 20]);
  });

  it.each([
    ['-datetime', '-datetime'], ['datetime', 'datetime'], ['+datetime', 'datetime'], [' datetime', 'datetime'],
    ['cloud_cover', 'cloud_cover'], ['+properties.eo:cloud_cover', 'cloud_cover'], ['-properties.datetime', '-datetime'],
  ])('sortby %j', (sortby, expected) => {
    expect(parseSearchQuery({ bbox: BOX, sortby }).sortby).toBe(expected);
  });

  it('takes sources and collections as comma lists, deduplicated, sources in canonical order', () => {
    const request = parseSearchQuery({ bbox: BOX, sources: 'planetary-computer,sentinel-2,sentinel-2', collections: 'sentinel-2-l2a,naip' });
    expect(request.sources).toEqual(['sentinel-2', 'planetary-computer']);
    expect(request.query.collections).toEqual(['sentinel-2-l2a', 'naip']);
  });

  it('derives sources from ids and keeps colons inside upstream ids', () => {
    const request = parseSearchQuery({ ids: 'landsat:LC09_X,planetary-computer:a:b' });
    expect(request.sources).toEqual(['landsat', 'planetary-computer']);
    expect(request.query.ids).toEqual([{ source: 'landsat', upstreamId: 'LC09_X' }, { source: 'planetary-computer', upstreamId: 'a:b' }]);
  });

  it('parses a POST body with typed values and STAC-style sortby', () => {
    const polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
    const request = parseSearchBody({
      intersects: polygon, limit: 500, cloud_cover_lt: 0, sources: ['landsat'], collections: ['landsat-c2l2-sr'],
      sortby: [{ field: 'properties.datetime', direction: 'asc' }], datetime: '2024-01-01/..', bbox: null,
    });
    expect(request).toMatchObject({ sources: ['landsat'], limit: 500, sortby: 'datetime', crossesAntimeridian: false });
    expect(request.query).toEqual({
      intersects: polygon, cloudCoverLt: 0, collections: ['landsat-c2l2-sr'], datetime: { start: '2024-01-01T00:00:00.000Z', end: null },
    });
  });

  it('decodes a cursor issued for the same search and rejects one for another search', () => {
    const base = parseSearchQuery({ bbox: BOX, limit: '7' });
    const cursor = encodeCursor({ fingerprint: requestFingerprint(base), streams: { landsat: { position: { page: 2 }, consumed: 3, exhausted: false } }, seen: [], count: { matched: 9 } });
    const decoded = parseSearchQuery({ bbox: BOX, limit: '7', cursor });
    expect(decoded.cursor?.streams.landsat).toEqual({ position: { page: 2 }, consumed: 3, exhausted: false });
    expect(decoded.cursor?.count).toEqual({ matched: 9 });
    const other = rejection(() => parseSearchQuery({ bbox: BOX, limit: '8', cursor }));
    expect(other).toMatchObject({ status: 400, parameter: 'cursor' });
    expect(other.message).toMatch(/different search/);
  });
});
