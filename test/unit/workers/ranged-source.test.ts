/**
 * The COG byte source both the service's header probe and the workers put under geotiff.js:
 * headers and other small reads through a few cached 64 KiB blocks, tiles as one exact read
 * each, the end of the file, a failed read not cached, and the reader's own error passed through.
 */
import { describe, expect, it } from 'vitest';
import { RangedSource, type ByteReader } from '../../../workers/lib/geotiff/ranged-source';

const FILE = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7 + (i >> 9)) & 0xff));

/** A reader over FILE that records every read as `offset-last` (the Range a server would get). */
function fileReader(): { read: ByteReader; reads: string[] } {
  const reads: string[] = [];
  const read: ByteReader = async (offset, length) => {
    reads.push(`${offset}-${offset + length - 1}`);
    const slice = FILE.subarray(Math.min(offset, FILE.length), Math.min(offset + length, FILE.length));
    return new Uint8Array(slice).buffer;
  };
  return { read, reads };
}

const bytesOf = (buffer: ArrayBuffer) => Buffer.from(buffer);

describe('RangedSource', () => {
  it('serves small reads from cached blocks (one read per block) and large ones with one exact read', async () => {
    const { read, reads } = fileReader();
    const source = new RangedSource(read);
    const [a, b] = await source.fetch([{ offset: 10, length: 1000 }, { offset: 65_000, length: 1000 }]);
    expect(bytesOf(a).equals(FILE.subarray(10, 1010))).toBe(true);
    expect(bytesOf(b).equals(FILE.subarray(65_000, 66_000))).toBe(true);
    expect([...reads].sort()).toEqual(['0-65535', '65536-131071']);
    await source.fetch([{ offset: 100, length: 50 }]);
    expect(reads).toHaveLength(2);
    const [tile] = await source.fetch([{ offset: 123_457, length: 100_000 }]);
    expect(bytesOf(tile).equals(FILE.subarray(123_457, 223_457))).toBe(true);
    expect(reads[2]).toBe('123457-223456');
  });

  it('a small read across two blocks is stitched from both', async () => {
    const { read, reads } = fileReader();
    const [span] = await new RangedSource(read).fetch([{ offset: 65_000, length: 2000 }]);
    expect(bytesOf(span).equals(FILE.subarray(65_000, 67_000))).toBe(true);
    expect([...reads].sort()).toEqual(['0-65535', '65536-131071']);
  });

  it('returns what there is at the end of the file', async () => {
    const { read } = fileReader();
    const source = new RangedSource(read);
    const [tail] = await source.fetch([{ offset: 299_990, length: 1024 }]);
    expect(bytesOf(tail).equals(FILE.subarray(299_990))).toBe(true);
    const [past] = await source.fetch([{ offset: 400_000, length: 100_000 }]);
    expect(past.byteLength).toBe(0);
  });

  it('passes the reader\'s error through and does not keep a failed block', async () => {
    let fail = true;
    const { read, reads } = fileReader();
    const flaky: ByteReader = (offset, length) => {
      if (!fail) return read(offset, length);
      fail = false;
      return Promise.reject(Object.assign(new Error('offline mode: B04 has not been cached'), { name: 'AppError', code: 'service_unavailable' }));
    };
    const source = new RangedSource(flaky);
    const failure = await source.fetch([{ offset: 0, length: 100 }]).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'AppError', code: 'service_unavailable', message: 'offline mode: B04 has not been cached' });
    const [again] = await source.fetch([{ offset: 0, length: 100 }]);
    expect(bytesOf(again).equals(FILE.subarray(0, 100))).toBe(true);
    expect(reads).toEqual(['0-65535']);
  });
});
