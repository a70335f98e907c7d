/**
 * The text of a UTF-8 JSON body, made for JSON.parse. Pure-ASCII bodies become a one-byte
 * string directly. A body with any non-ASCII byte (Earth Search items carry a few, e.g. in
 * provider names) would make the whole 1–2 MB page a two-byte string, which costs V8 about six
 * times as long to decode and a third longer to parse; instead each run of non-ASCII bytes is
 * decoded on its own and written as `\uXXXX` escapes, which JSON.parse turns back into the same
 * characters. Such bytes can only legally stand inside JSON strings, so the escapes land where
 * the characters were; anywhere else the JSON is invalid either way. Invalid UTF-8 becomes
 * U+FFFD, as a decoder would make it (UTF-8 decoders resynchronise at every ASCII byte, so
 * decoding run by run gives the same characters as decoding the whole body).
 */
import { Buffer, isAscii } from 'node:buffer';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function escapeRun(run: string): string {
  const text = Buffer.from(run, 'latin1').toString('utf8');
  let out = '';
  for (let i = 0; i < text.length; i++) out += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

export function jsonText(body: Uint8Array): string {
  const start = body.length >= 3 && UTF8_BOM.every((byte, i) => body[i] === byte) ? 3 : 0;
  const bytes = Buffer.from(body.buffer, body.byteOffset + start, body.length - start);
  const latin1 = bytes.toString('latin1');
  return isAscii(bytes) ? latin1 : latin1.replace(/[\x80-\xff]+/g, escapeRun);
}
