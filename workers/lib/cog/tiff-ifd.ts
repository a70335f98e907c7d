/**
 * Serialises one TIFF Image File Directory, little-endian, classic (TIFF 6.0 §2) or BigTIFF.
 * Layout: entry count, entries sorted by tag, next-IFD offset, then the values too large to sit
 * in an entry, each starting on a word boundary. The byte length depends only on the entries'
 * types and counts, never on their values, so offsets can be planned before they are known.
 */

export const TIFF_TYPE = { ASCII: 2, SHORT: 3, LONG: 4, DOUBLE: 12, LONG8: 16 } as const;
export type TiffFieldType = (typeof TIFF_TYPE)[keyof typeof TIFF_TYPE];

const TYPE_SIZE: Record<TiffFieldType, number> = { 2: 1, 3: 2, 4: 4, 12: 8, 16: 8 };

export interface TiffEntry {
  tag: number;
  type: TiffFieldType;
  /** Numbers for numeric types; a string for ASCII (written NUL-terminated, UTF-8). */
  values: ArrayLike<number> | string;
}

interface Geometry {
  countSize: number;
  entrySize: number;
  inlineSize: number;
  offsetSize: number;
}

function geometry(bigTiff: boolean): Geometry {
  return bigTiff
    ? { countSize: 8, entrySize: 20, inlineSize: 8, offsetSize: 8 }
    : { countSize: 2, entrySize: 12, inlineSize: 4, offsetSize: 4 };
}

function valueBytes(entry: TiffEntry): Uint8Array {
  if (entry.type === TIFF_TYPE.ASCII) {
    if (typeof entry.values !== 'string') throw new TypeError(`tag ${entry.tag}: ASCII needs a string`);
    return new Uint8Array(Buffer.from(`${entry.values}\0`, 'utf8'));
  }
  if (typeof entry.values === 'string') throw new TypeError(`tag ${entry.tag}: numeric type needs numbers`);
  const size = TYPE_SIZE[entry.type];
  const out = new Uint8Array(entry.values.length * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < entry.values.length; i++) {
    const v = entry.values[i];
    switch (entry.type) {
      case TIFF_TYPE.SHORT: view.setUint16(i * 2, v, true); break;
      case TIFF_TYPE.LONG: view.setUint32(i * 4, v, true); break;
      case TIFF_TYPE.DOUBLE: view.setFloat64(i * 8, v, true); break;
      case TIFF_TYPE.LONG8: view.setBigUint64(i * 8, BigInt(v), true); break;
    }
  }
  return out;
}

function valueLength(entry: TiffEntry): number {
  if (entry.type === TIFF_TYPE.ASCII) return Buffer.byteLength(String(entry.values), 'utf8') + 1;
  return (entry.values as ArrayLike<number>).length * TYPE_SIZE[entry.type];
}

const even = (n: number) => n + (n & 1);

function sorted(entries: readonly TiffEntry[]): TiffEntry[] {
  return [...entries].sort((a, b) => a.tag - b.tag);
}

/** Bytes taken by the IFD and its out-of-line values (always even). */
export function ifdByteLength(entries: readonly TiffEntry[], bigTiff: boolean): number {
  const g = geometry(bigTiff);
  let length = g.countSize + entries.length * g.entrySize + g.offsetSize;
  for (const entry of sorted(entries)) {
    const size = valueLength(entry);
    if (size > g.inlineSize) length = even(length) + size;
  }
  return even(length);
}

/** The IFD bytes for an IFD placed at file offset `ifdOffset` (even). */
export function encodeIfd(entries: readonly TiffEntry[], ifdOffset: number, nextIfdOffset: number, bigTiff: boolean): Uint8Array {
  if (ifdOffset % 2 !== 0) throw new RangeError('IFDs must start on a word boundary');
  const g = geometry(bigTiff);
  const ordered = sorted(entries);
  const out = new Uint8Array(ifdByteLength(ordered, bigTiff));
  const view = new DataView(out.buffer);
  const writeCountOrOffset = (at: number, value: number, size: number) => {
    if (size === 8) view.setBigUint64(at, BigInt(value), true);
    else if (size === 4) view.setUint32(at, value, true);
    else view.setUint16(at, value, true);
  };

  writeCountOrOffset(0, ordered.length, g.countSize);
  let extra = g.countSize + ordered.length * g.entrySize + g.offsetSize;
  ordered.forEach((entry, index) => {
    const at = g.countSize + index * g.entrySize;
    const bytes = valueBytes(entry);
    const count = entry.type === TIFF_TYPE.ASCII ? bytes.length : bytes.length / TYPE_SIZE[entry.type];
    view.setUint16(at, entry.tag, true);
    view.setUint16(at + 2, entry.type, true);
    writeCountOrOffset(at + 4, count, g.offsetSize);
    const valueAt = at + 4 + g.offsetSize;
    if (bytes.length <= g.inlineSize) {
      out.set(bytes, valueAt);
    } else {
      extra = even(extra);
      writeCountOrOffset(valueAt, ifdOffset + extra, g.offsetSize);
      out.set(bytes, extra);
      extra += bytes.length;
    }
  });
  writeCountOrOffset(g.countSize + ordered.length * g.entrySize, nextIfdOffset, g.offsetSize);
  return out;
}
