/**
 * Free space: before a job or an offline prefetch is queued, its disk peak is estimated (for a
 * processing job: the COG, the writer's spool and the tile journal, deflate not counted on) and it
 * is refused with 507 `insufficient_storage` when the data dir's volume would drop below the
 * reserve (ASTRA_DISK_RESERVE_BYTES), counting what unfinished jobs already set aside. A disk that
 * fills during a job fails that job cleanly: its files removed, the database consistent, other
 * jobs unaffected, the service serving.
 *
 * Admission is checked with an injected free-space probe (any machine) and on a real 64 MiB tmpfs
 * (needs root to mount; said and skipped otherwise); a full disk mid-job on that tmpfs, and also
 * with the kernel's /dev/full, which answers every write with ENOSPC.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheReport } from '../../../electron/service/cache/types';
import { loadConfig } from '../../../electron/service/config';
import type { JobKind } from '../../../electron/service/jobs/job-kind';
import type { Job, JobList } from '../../../electron/service/jobs/types';
import { processingStorageEstimate } from '../../../electron/service/processing/engine/storage-estimate';
import type { ProcessingParams } from '../../../electron/service/processing/kinds/processing-params';
import type { TestService } from '../../helpers/test-service';
import { heldKind, type HeldKind } from '../jobs/helpers/test-kinds';
import { getJob, postJob, startProcessingEnv, submit, waitJob, type ProcessingEnv } from '../processing/helpers/processing-rig';
import { S2_DIR, S2_SCENE } from '../processing/helpers/test-scenes';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const RESERVE = GIB; // the default of the service (test services default to none)

interface StorageError {
  code: string;
  message: string;
  limit: string;
  needed_bytes: number;
  free_bytes: number;
  reserved_bytes: number;
  reserve_bytes: number;
}

async function refused(response: Response): Promise<StorageError> {
  expect(response.status, await response.clone().text()).toBe(507);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const { error } = (await response.json()) as { error: StorageError };
  expect(error.code).toBe('insufficient_storage');
  expect(error.limit).toBe('disk_reserve');
  return error;
}

const finished = (job: Job) => ['succeeded', 'failed', 'cancelled'].includes(job.status);
const prefetch = (svc: TestService, body: unknown) => svc.api('/api/v1/cache/offline', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const jobIds = async (svc: TestService) => ((await (await svc.api('/api/v1/jobs?limit=500')).json()) as JobList).jobs.map((job) => job.id);

/** Writes a partial result, then writes on to a "disk" that is full (ENOSPC from the kernel). */
const fullDiskKind: JobKind = {
  type: 'full-disk',
  resumable: false,
  validate: async () => ({}),
  async run(_params, ctx) {
    writeFileSync(join(ctx.workDir, 'result.tif.partial'), Buffer.alloc(64 * 1024, 1));
    await appendFile('/dev/full', Buffer.alloc(64 * 1024, 2));
    return {};
  },
};

function integrity(svc: TestService): unknown {
  return svc.service.context.db.pragma('integrity_check', { simple: true });
}

let env: ProcessingEnv;
beforeAll(async () => {
  env = await startProcessingEnv({ workerCount: 1 });
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('admission, with an injected free-space probe', () => {
  let svc: TestService;
  let held: HeldKind;
  let free = Number.POSITIVE_INFINITY;
  let needed = 0;
  beforeAll(async () => {
    svc = await env.startService({ workerCount: 1, diskReserveBytes: RESERVE }, { freeSpace: async () => free });
    held = heldKind();
    svc.service.context.jobs.register(held);
  });

  it('refuses an NDVI that would leave less than the 1 GiB reserve free: 507 saying how much it needs', async () => {
    free = RESERVE + MIB;
    const error = await refused(await postJob(svc, { type: 'ndvi', scene: S2_SCENE }));
    needed = error.needed_bytes;
    expect(needed).toBeGreaterThan(MIB);
    expect(error).toMatchObject({ free_bytes: free, reserved_bytes: 0, reserve_bytes: RESERVE });
    expect(error.message).toMatch(/not enough disk space.*MiB/);
    expect(await jobIds(svc)).toEqual([]);
  });

  it('accepts it when the estimate fits; the estimate is the plan\'s and bounds what the job writes', async () => {
    free = RESERVE + needed;
    const id = await submit(svc, { type: 'ndvi', scene: S2_SCENE });
    const job = await waitJob(svc, id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(processingStorageEstimate((job.params as ProcessingParams).plan)).toBe(needed);
    const stored = svc.service.context.db.prepare('SELECT storage_estimate, result_bytes FROM jobs WHERE id = ?').get(id) as { storage_estimate: number; result_bytes: number };
    expect(stored.storage_estimate).toBe(needed);
    // Once complete only the result is left (the tile journal is removed), well within the estimate.
    expect(readdirSync(join(svc.dataDir, 'jobs', id))).toEqual(['result.tif']);
    const resultBytes = statSync(join(svc.dataDir, 'jobs', id, 'result.tif')).size;
    expect(stored.result_bytes).toBe(resultBytes);
    expect(3 * resultBytes).toBeLessThan(needed);
  });

  it('sets aside the estimate of every unfinished job: a second NDVI that fits alone is refused while the first waits', async () => {
    free = RESERVE + Math.floor(1.5 * needed);
    const blocker = await submit(svc, { type: 'held' }); // the one worker slot: NDVI jobs stay queued
    await waitJob(svc, blocker, (job) => job.status === 'running');
    const first = await submit(svc, { type: 'ndvi', scene: S2_SCENE });
    const error = await refused(await postJob(svc, { type: 'ndvi', scene: S2_SCENE }));
    expect(error.reserved_bytes).toBe(needed);
    expect(error.message).toMatch(/set aside for unfinished jobs/);
    expect((await svc.api(`/api/v1/jobs/${first}`, { method: 'DELETE' })).status).toBe(200);
    const second = await submit(svc, { type: 'ndvi', scene: S2_SCENE });
    expect((await svc.api(`/api/v1/jobs/${second}`, { method: 'DELETE' })).status).toBe(200);
    held.release();
    expect((await waitJob(svc, blocker)).status).toBe('succeeded');
  });

  it('refuses a 1.3-gigapixel NDVI (resolution 3 m on a 100 m scene) even with 10 GiB free', async () => {
    free = 10 * GIB;
    const error = await refused(await postJob(svc, { type: 'ndvi', scene: S2_SCENE, resolution: 3 }));
    expect(error.needed_bytes).toBeGreaterThan(10 * GIB);
  });

  it('refuses an offline prefetch whose band files do not fit, and takes it when they do', async () => {
    const bands = statSync(join(S2_DIR, 'B04.tif')).size + statSync(join(S2_DIR, 'B08.tif')).size;
    free = RESERVE + MIB;
    const error = await refused(await prefetch(svc, { scene: S2_SCENE, bands: ['B04', 'B08'] }));
    expect(error.needed_bytes).toBe(bands);
    free = RESERVE + bands;
    const accepted = await prefetch(svc, { scene: S2_SCENE, bands: ['B04', 'B08'] });
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    expect((await waitJob(svc, id)).status).toBe('succeeded');
  });

  it('fails a job that meets a full disk (ENOSPC) cleanly, and the other jobs and the service go on', async () => {
    const two = await env.startService({ workerCount: 2 }, { freeSpace: async () => 10 * GIB });
    const other = heldKind();
    two.service.context.jobs.register(other);
    two.service.context.jobs.register(fullDiskKind);
    const bystander = await submit(two, { type: 'held' });
    await waitJob(two, bystander, (job) => job.status === 'running');
    const doomed = await submit(two, { type: 'full-disk' });
    const failed = await waitJob(two, doomed);
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({ code: 'insufficient_storage', message: expect.stringMatching(/disk holding the data dir is full/) });
    expect(existsSync(join(two.dataDir, 'jobs', doomed))).toBe(false);
    expect(integrity(two)).toBe('ok');
    expect((await two.api('/api/v1/health')).status).toBe(200);
    expect((await getJob(two, bystander)).status).toBe('running');
    other.release();
    expect((await waitJob(two, bystander)).status).toBe('succeeded');
  });

  it('reads the reserve from ASTRA_DISK_RESERVE_BYTES or --disk-reserve-bytes', () => {
    expect(loadConfig([], {}).diskReserveBytes).toBe(GIB);
    expect(loadConfig([], { ASTRA_DISK_RESERVE_BYTES: '0' }).diskReserveBytes).toBe(0);
    expect(loadConfig(['--disk-reserve-bytes=5000000'], { ASTRA_DISK_RESERVE_BYTES: '0' }).diskReserveBytes).toBe(5_000_000);
    expect(() => loadConfig([], { ASTRA_DISK_RESERVE_BYTES: '-1' })).toThrow(/ASTRA_DISK_RESERVE_BYTES/);
  });
});

/** A tmpfs of `sizeMiB` at a new temp folder, or why there is none. */
function mountSmallDisk(sizeMiB: number): { dir: string } | { reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'astra-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir], { stdio: 'pipe' });
    return { dir };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error) };
  }
}

/** Fills the volume of `path` to the last byte; returns the bytes written. */
function fillDisk(path: string): number {
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    for (const size of [MIB, 4096, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) written += writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

const smallDisk = mountSmallDisk(64);
if ('reason' in smallDisk) console.log(`[disk-space] no 64 MiB tmpfs (${smallDisk.reason}): the real small-disk tests are skipped; the injected-probe and /dev/full tests still run`);

describe.skipIf('reason' in smallDisk)('on a real 64 MiB file system', () => {
  const disk = 'dir' in smallDisk ? smallDisk.dir : '';
  const filler = join(disk, 'filler.bin');
  let svc: TestService;
  let held: HeldKind;
  beforeAll(async () => {
    svc = await env.startService({ dataDir: join(disk, 'astra'), workerCount: 2, diskReserveBytes: 2 * MIB });
    held = heldKind();
    svc.service.context.jobs.register(held);
  });
  afterAll(async () => {
    env.fake.resetFaults();
    await svc?.close();
    try { execFileSync('umount', [disk], { stdio: 'pipe' }); } catch { /* reported by rmSync below if still mounted */ }
    rmSync(disk, { recursive: true, force: true });
  });

  it('refuses, from the volume\'s real free space, a job that cannot fit on it', async () => {
    const error = await refused(await postJob(svc, { type: 'ndvi', scene: S2_SCENE, resolution: 20 }));
    expect(error.free_bytes).toBeLessThanOrEqual(64 * MIB);
    expect(error.needed_bytes).toBeGreaterThan(error.free_bytes);
    expect(error.reserve_bytes).toBe(2 * MIB);
  });

  it('fails a job when the disk fills while it runs: files removed, database consistent, the other job and the service unaffected', async () => {
    const bystander = await submit(svc, { type: 'held' });
    await waitJob(svc, bystander, (job) => job.status === 'running');
    env.fake.faults.files.latencyMs = 100; // every upstream byte read is slow: the job runs for seconds
    const id = await submit(svc, { type: 'ndvi', scene: S2_SCENE });
    await waitJob(svc, id, (job) => job.status === 'running' && job.progress > 0, 60_000);
    const filled = fillDisk(filler);
    console.log(`[disk-space] filled the last ${(filled / MIB).toFixed(1)} MiB of the disk while the NDVI ran`);
    env.fake.resetFaults();

    const failed = await waitJob(svc, id, finished, 60_000);
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('insufficient_storage');
    expect(failed.error?.message).toMatch(/disk holding the data dir is full/);
    expect(existsSync(join(svc.dataDir, 'jobs', id))).toBe(false);
    expect(integrity(svc)).toBe('ok');
    expect((await svc.api('/api/v1/health')).status).toBe(200);
    expect((await getJob(svc, bystander)).status).toBe('running');
    held.release();
    expect((await waitJob(svc, bystander)).status).toBe('succeeded');

    // Space back: the same job runs to its result.
    rmSync(filler);
    const again = await submit(svc, { type: 'ndvi', scene: S2_SCENE });
    const done = await waitJob(svc, again, finished, 60_000);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(readdirSync(join(svc.dataDir, 'jobs', again))).toEqual(['result.tif']);
    const report = (await (await svc.api('/api/v1/cache')).json()) as CacheReport;
    expect(report.results.bytes).toBe(statSync(join(svc.dataDir, 'jobs', again, 'result.tif')).size);
    expect(integrity(svc)).toBe('ok');
  }, 120_000);
});
