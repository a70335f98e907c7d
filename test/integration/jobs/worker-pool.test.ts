import { builtinModules } from 'node:module';
/**
 * The WorkerPool against real Piscina threads running the BUILT worker (out/main/raster-task.js;
 * `npx electron-vite build` first): transfer in and out, progress over the port, cancellation
 * that terminates the thread, and worker errors that keep their name and fields.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/service/api/errors';
import { createRasterWorkerPool, type RasterWorkerPool } from '../../../electron/service/worker-pool/raster-worker-pool';
import { RASTER_WORKER_ENTRY, SEARCH_PAGE_WORKER_ENTRY, workerEntryFile } from '../../../electron/service/worker-pool/worker-entry-file';
import { sleep, watchHeartbeat } from './helpers/heartbeat';
import { PROMPTLY_MS } from '../../helpers/timing';

let pool: RasterWorkerPool;
beforeAll(() => { pool = createRasterWorkerPool(2); });
afterAll(async () => { await pool?.close(); });

describe('WorkerPool', () => {
  it('loads the built worker entry from out/main', () => {
    expect(workerEntryFile(RASTER_WORKER_ENTRY)).toMatch(/[\\/]out[\\/]main[\\/]raster-task\.js$/);
    expect(existsSync(pool.filename)).toBe(true);
  });

  it.each([RASTER_WORKER_ENTRY, SEARCH_PAGE_WORKER_ENTRY])('%s is one self-contained file (the packaged app unpacks only the entries from app.asar)', (entry) => {
    const source = readFileSync(workerEntryFile(entry), 'utf8');
    // Static imports at the start of a line; the bundled libraries' JSDoc mentions import('./x') in comments.
    const imports = [...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    const builtins = new Set(builtinModules);
    expect(imports.filter((specifier) => !specifier.startsWith('node:') && !builtins.has(specifier))).toEqual([]);
    // No dynamic import of a sibling chunk outside comments.
    expect(source.split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line) && !line.includes('@') && /\bimport\(\s*["']\.\.?\//.test(line))).toEqual([]);
  });

  it('runs a task on another thread', async () => {
    const result = await pool.runTask({ kind: 'ping', value: 7 });
    expect(result.pong).toBe(7);
    expect(result.threadId).toBeGreaterThan(0);
  });

  it('moves input buffers in, moves results out, and reports every progress step', async () => {
    const data = Float64Array.from({ length: 1000 }, (_, i) => i);
    const steps: number[] = [];
    const result = await pool.runTask(
      { kind: 'spin', chunks: 4, chunkMs: 1, data },
      { transferList: [data.buffer], onProgress: (f) => steps.push(f) },
    );
    expect(data.byteLength).toBe(0); // detached: moved, not copied
    expect(result.doubled).toBeInstanceOf(Float64Array);
    expect(result.doubled?.length).toBe(1000);
    expect(result.doubled?.[999]).toBe(1998);
    expect(steps).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('rejects with the abort reason and terminates the thread', async () => {
    const beat = watchHeartbeat();
    const controller = new AbortController();
    const running = pool.runTask({ kind: 'spin', chunks: 10_000, chunkMs: 5, heartbeat: beat.array }, { signal: controller.signal });
    await beat.until((chunks) => chunks >= 3);
    const threadId = beat.threadId();
    expect(pool.threadIds).toContain(threadId);

    const abortedAt = performance.now();
    controller.abort(new Error('stop now'));
    await expect(running).rejects.toThrow('stop now');
    const stoppedAt = await beat.stillSince(200);
    // The task would spin for 50 s: the heartbeat froze long before; the bound only catches a hang.
    expect(stoppedAt - abortedAt).toBeLessThan(PROMPTLY_MS);
    expect(pool.threadIds).not.toContain(threadId);
  });

  it('rejects at once for a signal that is already aborted, without starting the task', async () => {
    const beat = watchHeartbeat();
    const controller = new AbortController();
    controller.abort();
    await expect(pool.runTask({ kind: 'spin', chunks: 5, chunkMs: 1, heartbeat: beat.array }, { signal: controller.signal }))
      .rejects.toMatchObject({ name: 'AbortError' });
    await sleep(50);
    expect(beat.chunks()).toBe(0);
  });

  it('rebuilds a worker error with its name, message and fields', async () => {
    const failure = await pool.runTask({ kind: 'spin', chunks: 5, chunkMs: 1, failAfter: 2 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ name: 'RangeError', message: 'spin failed on purpose after 2 chunks', chunk: 2 });
    expect(isAppError(failure)).toBe(false);
  });

  it('keeps serving tasks after a thread was terminated', async () => {
    const results = await Promise.all([1, 2, 3].map((value) => pool.runTask({ kind: 'ping', value })));
    expect(results.map((r) => r.pong)).toEqual([1, 2, 3]);
  });

  it('refuses tasks once closed', async () => {
    const closing = createRasterWorkerPool(1);
    await closing.runTask({ kind: 'ping', value: 1 });
    await closing.close();
    expect(closing.threadIds).toEqual([]);
    const error = await closing.runTask({ kind: 'ping', value: 1 }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('service_unavailable');
  });

  it('warms: starts one thread ahead of the first task, which then runs on it; never fails', async () => {
    const warming = createRasterWorkerPool(1);
    try {
      expect(warming.threadIds).toEqual([]);
      warming.warm({ kind: 'ping', value: 0 });
      warming.warm({ kind: 'ping', value: 0 });
      expect(warming.threadIds).toHaveLength(1);
      const [warmed] = warming.threadIds;
      expect((await warming.runTask({ kind: 'ping', value: 1 })).threadId).toBe(warmed);
    } finally {
      await warming.close();
    }
    warming.warm({ kind: 'ping', value: 0 }); // closed: nothing starts
    expect(warming.threadIds).toEqual([]);
    const missing = createRasterWorkerPool(1, '/nonexistent/raster-task.js');
    expect(() => missing.warm({ kind: 'ping', value: 0 })).not.toThrow();
    await missing.close();
  });

  it('fails clearly when the worker entry is missing', async () => {
    const missing = createRasterWorkerPool(1, '/nonexistent/raster-task.js');
    await expect(missing.runTask({ kind: 'ping', value: 1 })).rejects.toThrow(/worker entry not found at \/nonexistent/);
    await missing.close();
  });
});
