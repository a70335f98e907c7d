import { describe, expect, it } from 'vitest';
import { itemCollectionJson, toItemCollection } from '../../../electron/service/http/routes/search';
import { itemJson } from '../../../electron/service/stac/item-json';
import type { StacItem } from '../../../electron/service/stac/types';

function item(id: string): StacItem {
  return {
    type: 'Feature', stac_version: '1.0.0', stac_extensions: [], id,
    geometry: { type: 'Point', coordinates: [10.5, -3.25] }, bbox: [10.5, -3.25, 10.5, -3.25],
    properties: { datetime: '2024-05-01T10:00:00Z', 'eo:cloud_cover': 12.5, note: 'ünïcödé "quoted"' },
    links: [{ rel: 'self', href: `/api/v1/scenes/${id}`, type: 'application/geo+json' }, { rel: 'via', href: 'https://example.com/x' }],
    assets: { B04: { href: 'https://example.com/B04.tif', type: 'image/tiff', roles: ['data'] } },
  } as unknown as StacItem;
}

describe('item JSON memo', () => {
  it('is the item itself, links relative for storage and absolute for answers', () => {
    const a = item('sentinel-2:A');
    expect(JSON.parse(itemJson(a))).toEqual(a);
    const answered = JSON.parse(itemJson(a, 'http://127.0.0.1:8787'));
    expect(answered.links[0].href).toBe('http://127.0.0.1:8787/api/v1/scenes/sentinel-2:A');
    expect(answered.links[1].href).toBe('https://example.com/x');
    expect({ ...answered, links: a.links }).toEqual(a);
  });

  it('is made once per item object; a changed copy gets its own', () => {
    const a = item('landsat:B');
    const first = itemJson(a);
    const copy = { ...a, properties: { ...a.properties, 'astra:alternates': ['planetary-computer:B'] } };
    expect(JSON.parse(itemJson(copy)).properties['astra:alternates']).toEqual(['planetary-computer:B']);
    expect(itemJson(a)).toBe(first);
  });

  it('assembles the same ItemCollection as the object form', () => {
    const result = {
      features: [item('sentinel-2:A'), item('landsat:B')],
      context: { matched: 7, returned: 2, limit: 2 },
      nextCursor: 'abc',
      warnings: [{ source: 'planetary-computer' as const, code: 'timeout' as const, message: 'slow' }],
    };
    const next = (cursor: string) => ({ rel: 'next', href: `http://h/api/v1/search?cursor=${cursor}`, type: 'application/geo+json', method: 'GET' });
    expect(JSON.parse(itemCollectionJson(result, 'http://h', next))).toEqual(toItemCollection(result, 'http://h', next));
    expect(JSON.parse(itemCollectionJson({ ...result, nextCursor: null }, 'http://h', next)).links).toEqual([]);
  });
});
