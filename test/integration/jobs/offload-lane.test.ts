/**
 * The job queue's offload kind on a real SQLite file: a body with `"on": "<id>"` goes to it
 * (types it does not accept → 400 naming `on`), its jobs keep their own type and a `remote` field
 * the run mirrors into (GET shows it as it changes), they run in a lane of their own — a remote
 * job waiting on its back-end takes no local worker — previews carry its advice (suggest_remote,
 * remote_backends), and after a restart a remote job that was running is resumed from its
 * checkpoint by the offload kind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invalidParameter } from '../../../electron/service/api/errors';
import { openDatabase, type Db } from '../../../electron/service/db/open-database';
import type { JobKind, OffloadKind } from '../../../electron/service/jobs/job-kind';
import { JobQueue } from '../../../electron/service/jobs/queue';
import type { Job } from '../../../electron/service/jobs/types';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => { for (const clean of cleanups.splice(0).reverse()) await clean(); });

function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => { open = resolve; });
  return { promise, open };
}

function setUp(reuse?: string): { dir: string; db: Db; queue: JobQueue } {
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'astra-offload-lane-'));
  if (!reuse) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const db = openDatabase(join(dir, 'astra.sqlite'));
  const queue = new JobQueue({ db, dataDir: dir, concurrency: 1 });
  cleanups.push(() => { db.close(); }, () => queue.close(200));
  return { dir, db, queue };
}

const localKind = (runs: string[]): JobKind => ({
  type: 'local-echo', resumable: false,
  validate: async (body) => body,
  run: async (_params, ctx) => { runs.push(ctx.jobId); return { done: true }; },
});

/** Remote runs wait for `release` after mirroring a first state; a resumed run reports its checkpoint. */
function offloadKind(release: Promise<void>, seen: { resumed: unknown[] }): OffloadKind {
  return {
    accepts: (type) => type === 'composite',
    async validate(type, on, body) {
      if (on !== 'far') throw invalidParameter('on', `unknown back-end "${on}"`);
      return { params: { type, ...body }, remote: { backend: on, url: 'https://far.example.org', job_id: null, status: null, progress: null, estimate: null, logs: [] } };
    },
    async run(_params, ctx) {
      seen.resumed.push(ctx.resumeState);
      ctx.checkpoint({ remoteJob: 'r-1' });
      ctx.remote({ job_id: 'r-1', status: 'running', progress: 10, logs: [{ level: 'info', message: 'started' }] });
      await Promise.race([release, new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }))]);
      ctx.remote({ status: 'finished', progress: 100 });
      return { href: 'remote' };
    },
    async advise(preview, on) {
      if (on !== 'local' && on !== 'far') throw invalidParameter('on', `unknown back-end "${on}"`);
      const big = preview.estimate.output_pixels > 100;
      return { suggest_remote: big, suggest_remote_reasons: big ? ['many pixels'] : [], remote_backends: ['far'] };
    },
  };
}

/** A local kind of `type` whose preview reports `pixels` of the body; `validated` gets every body it validates. */
const previewKind = (type: string, validated: unknown[]): JobKind => ({
  type, resumable: false,
  validate: async (body) => { validated.push(body); return body; },
  run: async () => ({}),
  preview: (params) => ({ type, scenes: [], observations: 0, estimate: { output_pixels: Number(params.pixels), input_bytes: null, local_seconds: null } }),
});

async function until(queue: JobQueue, id: string, ok: (job: Job) => boolean): Promise<Job> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job = queue.get(id);
    if (ok(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} stuck: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the offload lane', () => {
  it('runs "on" jobs with the offload kind beside local ones, mirroring their remote field', async () => {
    const { queue } = setUp();
    const runs: string[] = [];
    const release = gate();
    queue.register(localKind(runs));
    queue.registerOffload(offloadKind(release.promise, { resumed: [] }));

    const remote = await queue.submit('composite', { type: 'composite', on: 'far', aoi: [1, 2, 3, 4] });
    expect(remote).toMatchObject({ type: 'composite', status: 'queued', params: { type: 'composite', aoi: [1, 2, 3, 4] }, remote: { backend: 'far', job_id: null } });
    const running = await until(queue, remote.id, (job) => job.remote?.status === 'running');
    expect(running.remote).toEqual({ backend: 'far', url: 'https://far.example.org', job_id: 'r-1', status: 'running', progress: 10, estimate: null, logs: [{ level: 'info', message: 'started' }] });

    // One local worker, and it is free: the remote job is waiting on its back-end.
    const local = await queue.submit('local-echo', { type: 'local-echo', x: 1 });
    expect(local.remote).toBeUndefined();
    expect((await until(queue, local.id, (job) => job.status === 'succeeded')).result).toEqual({ done: true });
    expect(queue.get(remote.id).status).toBe('running');

    release.open();
    expect(await until(queue, remote.id, (job) => job.status === 'succeeded')).toMatchObject({ result: { href: 'remote' }, remote: { status: 'finished', progress: 100 } });
  });

  it('refuses "on" for types the offload kind does not run, and unknown back-ends, naming on', async () => {
    const { queue } = setUp();
    queue.register(localKind([]));
    await expect(queue.submit('local-echo', { type: 'local-echo', on: 'far' })).rejects.toMatchObject({ parameter: 'on', message: expect.stringContaining('local-echo jobs run locally only') });
    await expect(queue.submit('composite', { type: 'composite', on: 'far' })).rejects.toMatchObject({ parameter: 'type' });
    queue.registerOffload(offloadKind(Promise.resolve(), { resumed: [] }));
    await expect(queue.submit('composite', { type: 'composite', on: 'near' })).rejects.toMatchObject({ parameter: 'on', message: 'on: unknown back-end "near"' });
    await expect(queue.submit('composite', { type: 'composite' })).rejects.toMatchObject({ parameter: 'type', message: expect.stringContaining('can run on a remote openEO back-end') });
    expect(queue.list()).toEqual([]);
  });

  it('previews with the offload kind\'s advice: on split off before the kind validates, unknown back-ends and local-only types refused', async () => {
    const { queue } = setUp();
    const validated: unknown[] = [];
    queue.register(previewKind('composite', validated));
    queue.register(previewKind('local-echo', validated));
    // No offload kind yet: no suggestion, no back-ends.
    expect(await queue.preview('composite', { type: 'composite', pixels: 500 })).toMatchObject({ suggest_remote: false, suggest_remote_reasons: [], remote_backends: [] });
    queue.registerOffload(offloadKind(Promise.resolve(), { resumed: [] }));

    expect(await queue.preview('composite', { type: 'composite', on: 'far', pixels: 500 })).toEqual({
      type: 'composite', scenes: [], observations: 0, estimate: { output_pixels: 500, input_bytes: null, local_seconds: null },
      suggest_remote: true, suggest_remote_reasons: ['many pixels'], remote_backends: ['far'],
    });
    expect(await queue.preview('composite', { type: 'composite', pixels: 5 })).toMatchObject({ suggest_remote: false, remote_backends: ['far'] });
    expect(validated).toEqual([{ pixels: 500 }, { pixels: 500 }, { pixels: 5 }]);
    await expect(queue.preview('composite', { type: 'composite', on: 'near', pixels: 5 })).rejects.toMatchObject({ parameter: 'on' });
    await expect(queue.preview('local-echo', { type: 'local-echo', on: 'far' })).rejects.toMatchObject({ parameter: 'on', message: expect.stringContaining('local-echo jobs run locally only') });
    expect(await queue.preview('local-echo', { type: 'local-echo', pixels: 1e9 })).toMatchObject({ suggest_remote: false, remote_backends: [] });
    expect(queue.list()).toEqual([]);
  });

  it('resumes a remote job that was running when the service stopped, from its checkpoint', async () => {
    const first = setUp();
    const seen = { resumed: [] as unknown[] };
    first.queue.registerOffload(offloadKind(new Promise(() => undefined), seen));
    const { id } = await first.queue.submit('composite', { type: 'composite', on: 'far' });
    await until(first.queue, id, (job) => job.remote?.status === 'running');
    await first.queue.close(200);
    first.db.close();

    const second = setUp(first.dir);
    const release = gate();
    second.queue.registerOffload(offloadKind(release.promise, seen));
    await until(second.queue, id, (job) => job.status === 'running' && seen.resumed.length === 2);
    expect(seen.resumed).toEqual([null, { remoteJob: 'r-1' }]);
    release.open();
    expect((await until(second.queue, id, (job) => job.status !== 'running')).status).toBe('succeeded');
  });
});
