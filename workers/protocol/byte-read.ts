/**
 * A worker's read of scene bytes over its task's MessagePort (task-envelope.ts): "bytes
 * `offset`..`offset + length` of asset `asset` of scene `scene`", answered by the main thread from
 * the service's asset byte source (electron/service/assets/asset-bytes.ts: the COG byte cache,
 * upstream on a miss, the cache alone offline) with one transferred buffer. A task whose caller
 * offered it (TaskEnvelope `inflateByCaller`) may also hand back a DEFLATE block it read
 * (`inflate`), answered the same way with the inflated bytes. Pure.
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

/** A DEFLATE (zlib) block, transferred, to be inflated to about `expectedBytes`. */
export interface InflateRequest {
  type: 'inflate';
  id: number;
  data: ArrayBuffer;
  expectedBytes: number;
}

export type ByteReadReply =
  | { type: 'bytes'; id: number; data: ArrayBuffer }
  | { type: 'bytes'; id: number; error: { code: string; message: string } };

export function isByteReadRequest(message: unknown): message is ByteReadRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'read-bytes';
}

export function isInflateRequest(message: unknown): message is InflateRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'inflate'
    && (message as { data?: unknown }).data instanceof ArrayBuffer;
}
