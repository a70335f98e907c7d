/**
 * Job kinds that exist only in tests. They run real worker tasks (`spin`) on the service's raster
 * pool (given to them as the production kinds get theirs), so everything between HTTP and the
 * worker thread is the production path.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, invalidParameter } from '../../../../electron/service/api/errors';
import { RESULT_FILE_NAME } from '../../../../electron/service/jobs/job-record';
import type { JobKind } from '../../../../electron/service/jobs/job-kind';
import type { RasterWorkerPool } from '../../../../electron/service/worker-pool/raster-worker-pool';
import type { Heartbeat } from './heartbeat';

export interface SpinParams extends Record<string, unknown> {
  chunks: number;
  chunk_ms: number;
}

function positiveInt(body: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const value = body[name] ?? fallback;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw invalidParameter(name, `must be an integer 1..${max}`);
  }
  return value as number;
}

async function validateSpin(body: Record<string, unknown>): Promise<SpinParams> {
  for (const key of Object.keys(body)) {
    if (key !== 'chunks' && key !== 'chunk_ms') throw invalidParameter(key, 'is not a known parameter');
  }
  return { chunks: positiveInt(body, 'chunks', 5, 100_000), chunk_ms: positiveInt(body, 'chunk_ms', 5, 1000) };
}

/** Spins `chunks` × `chunk_ms` on a worker; job progress = worker progress. */
export function spinKind(pool: RasterWorkerPool, type = 'spin', options: { heartbeat?: Heartbeat; resultFile?: Buffer } = {}): JobKind<SpinParams> {
  return {
    type,
    resumable: false,
    validate: validateSpin,
    async run(params, ctx) {
      const result = await pool.runTask(
        { kind: 'spin', chunks: params.chunks, chunkMs: params.chunk_ms, heartbeat: options.heartbeat?.array },
        { signal: ctx.signal, onProgress: (f) => ctx.progress(f) },
      );
      if (options.resultFile) writeFileSync(join(ctx.workDir, RESULT_FILE_NAME), options.resultFile);
      return { chunks: result.chunks, stats: { min: 0, max: result.checksum, mean: null, valid_fraction: 1 } };
    },
  };
}

/**
 * Resumable: runs one worker task per chunk and checkpoints `{done}` after each, so a run after a
 * restart starts where the last one stopped. `starts` records the resume point of every run.
 */
export function resumableSpinKind(pool: RasterWorkerPool, type: string, starts: number[] = []): JobKind<SpinParams> {
  return {
    type,
    resumable: true,
    validate: validateSpin,
    async run(params, ctx) {
      const from = (ctx.resumeState as { done?: number } | null)?.done ?? 0;
      starts.push(from);
      for (let done = from; done < params.chunks; done += 1) {
        await pool.runTask({ kind: 'spin', chunks: 1, chunkMs: params.chunk_ms }, { signal: ctx.signal });
        ctx.checkpoint({ done: done + 1 });
        ctx.progress((done + 1) / params.chunks);
      }
      return { chunks: params.chunks, resumed_from: from };
    },
  };
}

/** Fails after a worker task: with an AppError, a plain Error from the kind, or an error thrown in the worker. */
export function failingKind(pool: RasterWorkerPool, type: string, how: 'app-error' | 'bug' | 'worker'): JobKind {
  return {
    type,
    resumable: false,
    validate: async () => ({}),
    async run(_params, ctx) {
      await pool.runTask({ kind: 'spin', chunks: 2, chunkMs: 1, failAfter: how === 'worker' ? 1 : undefined }, { signal: ctx.signal });
      if (how === 'app-error') throw new AppError('unprocessable', 'scene: has no red band');
      throw new TypeError('secret internal detail: cannot read properties of undefined');
    },
  };
}

/** A job kind that runs until released (or cancelled): no worker thread, no disk. */
export interface HeldKind extends JobKind {
  /** Ends every run, current and future, with success. */
  release(): void;
}

export function heldKind(type = 'held'): HeldKind {
  let released = false;
  const waiting = new Set<() => void>();
  return {
    type,
    resumable: false,
    validate: async (body) => {
      for (const key of Object.keys(body)) throw invalidParameter(key, 'is not a known parameter');
      return {};
    },
    async run(_params, ctx) {
      if (released) return { held: false };
      await new Promise<void>((resolve, reject) => {
        const done = () => { waiting.delete(done); ctx.signal.removeEventListener('abort', onAbort); resolve(); };
        const onAbort = () => { waiting.delete(done); reject(ctx.signal.reason); };
        waiting.add(done);
        ctx.signal.addEventListener('abort', onAbort, { once: true });
      });
      return { held: true };
    },
    release() {
      released = true;
      for (const done of [...waiting]) done();
    },
  };
}
