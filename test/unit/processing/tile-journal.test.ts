/** The tile journal that makes processing jobs resumable: append, reopen at a checkpoint, cut back. */
import { mkdtempSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, TileJournal, type JournalCheckpoint } from '../../../electron/service/processing/engine/tile-journal';

const dirs: string[] = [];
function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'astra-journal-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('TileJournal', () => {
  it('gives back, after a reopen at the last checkpoint, every tile appended before it, byte for byte', async () => {
    const dir = workDir();
    const { journal, records } = await TileJournal.open(dir, null);
    expect(records).toEqual([]);
    const tiles = [[7, [bytes(100, 1), bytes(5, 2)]], [2, [bytes(4000, 3), bytes(0, 4)]], [0, [bytes(1, 5), bytes(77, 6)]]] as const;
    let checkpoint: JournalCheckpoint | undefined;
    for (const [index, blocks] of tiles) checkpoint = await journal.append(index, blocks);
    await journal.close();
    expect(checkpoint).toMatchObject({ v: 1, tiles: 3 });

    const reopened = await TileJournal.open(dir, JSON.parse(JSON.stringify(checkpoint)));
    expect(reopened.records.map((r) => r.index)).toEqual([7, 2, 0]);
    for (const [i, record] of reopened.records.entries()) {
      const blocks = await reopened.journal.read(record);
      expect(blocks.map((b) => Buffer.from(b).toString('hex'))).toEqual(tiles[i][1].map((b) => Buffer.from(b).toString('hex')));
    }
    await reopened.journal.close();
  });

  it('cuts off what was written after the checkpoint (a tile the crash interrupted) and appends after it', async () => {
    const dir = workDir();
    const { journal } = await TileJournal.open(dir, null);
    const first = await journal.append(1, [bytes(300, 1)]);
    await journal.append(2, [bytes(300, 2)]); // written, but its checkpoint never saved
    await journal.close();
    appendFileSync(join(dir, JOURNAL_FILE), Buffer.from('half a record'));

    const reopened = await TileJournal.open(dir, first);
    expect(reopened.records.map((r) => r.index)).toEqual([1]);
    expect(statSync(join(dir, JOURNAL_FILE)).size).toBe(first.bytes);
    const next = await reopened.journal.append(3, [bytes(10, 3)]);
    expect(next.tiles).toBe(2);
    await reopened.journal.close();
    const again = await TileJournal.open(dir, next);
    expect(again.records.map((r) => r.index)).toEqual([1, 3]);
    await again.journal.close();
  });

  it('starts empty without a usable checkpoint, and rejects a corrupt journal', async () => {
    const dir = workDir();
    writeFileSync(join(dir, JOURNAL_FILE), Buffer.alloc(64, 1));
    const stale = await TileJournal.open(dir, { v: 1, bytes: 1000, tiles: 3 }); // longer than the file
    expect(stale.records).toEqual([]);
    await stale.journal.close();
    expect(statSync(join(dir, JOURNAL_FILE)).size).toBe(0);
    const fresh = await TileJournal.open(dir, { something: 'else' });
    expect(fresh.records).toEqual([]);
    await fresh.journal.close();
    writeFileSync(join(dir, JOURNAL_FILE), Buffer.alloc(64, 1));
    await expect(TileJournal.open(dir, { v: 1, bytes: 32, tiles: 1 })).rejects.toThrow(/corrupt at byte 0/);
  });
});
