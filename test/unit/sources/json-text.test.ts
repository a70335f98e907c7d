/** jsonText: the one-byte decoding of upstream JSON bodies gives what JSON.parse of UTF-8 gives. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonText } from '../../../electron/service/sources/http/json-text';
import { STAC_RESPONSES_DIR } from '../../helpers/fixtures';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const FIXTURES = STAC_RESPONSES_DIR;

describe('jsonText', () => {
  it('gives a pure-ASCII body back as it is', () => {
    const body = '{"type":"FeatureCollection","features":[],"note":"\\u00e9 stays escaped"}';
    expect(jsonText(utf8(body))).toBe(body);
  });

  it('parses to the same value as the UTF-8 text for accents, CJK, emoji and escapes', () => {
    const value = { a: 'Sentinel-2 © ESA — µm', b: ['日本語', 'emoji 😀 done', 'tab\there "quoted" \\ slash'], 'ключ': 'значение', n: 1.5e-7 };
    const text = jsonText(utf8(JSON.stringify(value)));
    expect(JSON.parse(text)).toEqual(value);
    expect([...text].every((char) => char.charCodeAt(0) < 0x80)).toBe(true);
  });

  it('turns invalid UTF-8 into U+FFFD as a decoder does', () => {
    const bytes = new Uint8Array([...utf8('{"x":"a'), 0xc3, 0x28, 0xff, ...utf8('b","y":"'), 0xe2, 0x82, ...utf8('"}')]);
    expect(JSON.parse(jsonText(bytes))).toEqual(JSON.parse(new TextDecoder().decode(bytes)));
  });

  it('skips a UTF-8 byte order mark, as response.text() does', () => {
    expect(JSON.parse(jsonText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"é":1}')])))).toEqual({ 'é': 1 });
  });

  it('keeps non-ASCII outside strings a syntax error', () => {
    expect(() => JSON.parse(jsonText(utf8('{"a":1}é')))).toThrow(SyntaxError);
  });

  it('reads every recorded upstream response exactly as JSON.parse of the decoded text', () => {
    const files = readdirSync(FIXTURES, { recursive: true }).map(String).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThan(5);
    let nonAscii = 0;
    for (const name of files) {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
      if (bytes.some((byte) => byte > 0x7f)) nonAscii += 1;
      expect(JSON.parse(jsonText(bytes)), name).toEqual(JSON.parse(new TextDecoder().decode(bytes)));
    }
    expect(nonAscii).toBeGreaterThan(0);
  });
});
