/**
 * The job kinds the queue knows, and what they say about a body before anything is admitted:
 * the kind of its type (400 naming `type` otherwise), its params (the kind's own validation,
 * 400/404/422), a remote body's params through the one offload kind (`"on": "<back-end id>"`),
 * and a preview with the offload kind's advice on running it remotely.
 */
import { invalidParameter, type AppError } from '../api/errors';
import type { JobPreview, LocalJobPreview } from './area-job-types';
import type { JobRow } from './job-record';
import type { JobKind, OffloadKind } from './job-kind';
import { LOCAL } from './run-on';
import type { JobRemote } from './types';

export interface ValidatedRemoteJob {
  params: Record<string, unknown>;
  remote: JobRemote;
  estimate: number;
}

const NO_ADVICE = { suggest_remote: false, suggest_remote_reasons: [], remote_backends: [] };

function checkParams(params: unknown, type: string): asserts params is Record<string, unknown> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new Error(`job kind "${type}" validate() must return an object of params`);
  }
}

export class JobKinds {
  private readonly kinds = new Map<string, JobKind>();
  private offloadKind: OffloadKind | undefined;

  add(kind: JobKind): void {
    if (this.kinds.has(kind.type)) throw new Error(`job kind "${kind.type}" is already registered`);
    this.kinds.set(kind.type, kind);
  }

  addOffload(kind: OffloadKind): void {
    if (this.offloadKind) throw new Error('an offload kind is already registered');
    this.offloadKind = kind;
  }

  get hasOffload(): boolean {
    return this.offloadKind !== undefined;
  }

  /** The registered local types, sorted. */
  get types(): string[] {
    return [...this.kinds.keys()].sort();
  }

  private unknownType(type: unknown, hint = ''): AppError {
    return invalidParameter('type', `unknown job type ${JSON.stringify(type)}; known types: ${this.types.join(', ') || 'none'}${hint}`);
  }

  /** The kind of `type`; 400 naming `type` (and how to run it remotely, when it can be) otherwise. */
  kindOf(type: unknown): JobKind {
    const kind = typeof type === 'string' ? this.kinds.get(type) : undefined;
    if (kind) return kind;
    const remote = typeof type === 'string' && this.offloadKind?.accepts(type) ? ` (${type} jobs can run on a remote openEO back-end: add "on": "<back-end id>")` : '';
    throw this.unknownType(type, remote);
  }

  /** A local job's params (`body` without `type` and `on`). */
  async validate(kind: JobKind, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { type: _type, ...rest } = body;
    const params = await kind.validate(rest);
    checkParams(params, kind.type);
    return params;
  }

  /**
   * A job for the remote back-end `on`: its params, remote record and storage estimate.
   * `beforeValidate` runs once type and `on` are known good (the queue limits, before the back-end is asked).
   */
  async validateRemote(type: unknown, on: string, body: Record<string, unknown>, beforeValidate: () => void): Promise<ValidatedRemoteJob> {
    if (typeof type !== 'string' || !(this.kinds.has(type) || this.offloadKind?.accepts(type))) {
      throw this.unknownType(type);
    }
    const offload = this.offloadFor(type);
    beforeValidate();
    const { params, remote } = await offload.validate(type, on, body);
    checkParams(params, type);
    return { params, remote, estimate: (await offload.estimateStorage?.(params)) ?? 0 };
  }

  /** What the job would use (its kind's preview) and whether it is better run remotely (the offload kind's advice). */
  async preview(type: unknown, on: string, body: Record<string, unknown>): Promise<JobPreview> {
    const kind = this.kindOf(type);
    if (on !== LOCAL) this.offloadFor(kind.type);
    const params = await this.validate(kind, body);
    const local: LocalJobPreview = kind.preview?.(params) ?? { type: kind.type, scenes: [], observations: 0, estimate: { output_pixels: 0, input_bytes: null, local_seconds: null } };
    const advice = this.offloadKind?.accepts(kind.type) ? await this.offloadKind.advise(local, on) : NO_ADVICE;
    return { ...local, ...advice };
  }

  /** What runs a row: its type's kind, or the offload kind (as a JobKind) for a remote job. */
  runnerOf(row: JobRow): JobKind | undefined {
    if (row.remote === null) return this.kinds.get(row.type);
    const offload = this.offloadKind;
    if (!offload) return undefined;
    return { type: row.type, resumable: true, validate: () => Promise.reject(new Error('remote jobs are validated by submit')), run: (params, ctx) => offload.run(params, ctx) };
  }

  private offloadFor(type: string): OffloadKind {
    const offload = this.offloadKind;
    if (!offload?.accepts(type)) throw invalidParameter('on', `${type} jobs run locally only; leave out "on" or set it to "local"`);
    return offload;
  }
}
