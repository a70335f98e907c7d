/** wire-item.ts: a normalized item posted between threads comes back equal, with the same JSON. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeItems } from '../../../electron/service/sources/normalize/normalize-item';
import { itemJson } from '../../../electron/service/stac/item-json';
import type { StacItem } from '../../../electron/service/stac/types';
import { fromWireItem, toWireItem } from '../../../electron/service/stac/wire-item';
import { fixturePath } from '../../helpers/fixtures';
import { ES_ORIGIN } from '../sources/normalize-fixtures';

const FIXTURE = fixturePath('stac-responses/earth-search/earth-search_sentinel-2-c1-l2a_13TDE_item-collection.json');

function realItem(): StacItem {
  const page = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { features: unknown[] };
  return normalizeItems(page.features, ES_ORIGIN).items[0];
}

describe('wire items', () => {
  it('come back equal, key order and JSON included, through a structured clone', () => {
    const item = realItem();
    const back = fromWireItem(structuredClone(toWireItem(item)));
    expect(JSON.stringify(back)).toBe(JSON.stringify(item));
    expect(Object.keys(back)).toEqual(Object.keys(item));
    expect(itemJson(back, 'http://127.0.0.1:1')).toBe(itemJson(item, 'http://127.0.0.1:1'));
    expect(back.assets).toEqual(item.assets);
    expect({ ...back }).toEqual({ ...item });
  });

  it('parse assets only when read, once', () => {
    const item = realItem();
    const wire = structuredClone(toWireItem(item));
    expect(wire.shell.assets).toBeNull();
    expect(wire.body.length).toBeGreaterThan(JSON.stringify(wire.shell).length);
    const back = fromWireItem(wire);
    const descriptor = Object.getOwnPropertyDescriptor(back, 'assets');
    expect(descriptor?.get).toBeTypeOf('function');
    const first = back.assets;
    expect(Object.getOwnPropertyDescriptor(back, 'assets')?.value).toBe(first);
    expect(back.assets).toBe(first);
    expect(Object.keys(first)).toEqual(Object.keys(item.assets));
  });

  it('answer with the JSON made on the other thread, not a new one', () => {
    const item = realItem();
    const wire = toWireItem(item);
    const back = fromWireItem({ shell: wire.shell, body: wire.body.replace('"sentinel-2-c1-l2a"', '"sentinel-2-c1-l2a" ') });
    // The remembered text is served as is (whitespace included), so it was not re-made here.
    expect(itemJson(back)).toContain('"sentinel-2-c1-l2a" ');
  });
});
