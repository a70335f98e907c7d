/**
 * Piscina worker entry. Each task is plain data plus transferable buffers; the pure math lives in
 * workers/lib/. Kinds are added by the processing engine.
 */
export interface PingTask {
  kind: 'ping';
  value: number;
}

export type RasterTask = PingTask;

export default async function runTask(task: RasterTask): Promise<unknown> {
  switch (task.kind) {
    case 'ping':
      return { pong: task.value, threadId: (await import('node:worker_threads')).threadId };
    default:
      throw new Error(`unknown task kind ${(task as { kind: string }).kind}`);
  }
}
