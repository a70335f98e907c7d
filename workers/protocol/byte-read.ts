/**
 * A worker's read of scene bytes over its task's MessagePort (task-envelope.ts): "bytes
 * `offset`..`offset + length` of asset `asset` of scene `scene`", answered by the main thread from
 * the service's asset byte source (electron/service/assets/asset-bytes.ts: the COG byte cache,
 * upstream on a miss, the cache alone offline) with one transferred buffer. Pure.
 */

export interface ByteReadRequest {
  type: 'read-bytes';
  id: number;
  /** API scene id, `<source>:<upstream id>`. */
  scene: string;
  /** Asset key within the scene (`B04`, `SR_B5`). */
  asset: string;
  offset: number;
  length: number;
}

export type ByteReadReply =
  | { type: 'bytes'; id: number; data: ArrayBuffer }
  | { type: 'bytes'; id: number; error: { code: string; message: string } };

export function isByteReadRequest(message: unknown): message is ByteReadRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'read-bytes';
}
