/**
 * Bytes that own their whole ArrayBuffer, so they can be transferred to another thread. zlib,
 * Buffer pools and caches hand out views into larger buffers; transferring one of those would
 * move (and break) memory that is not ours. Pure; used on both sides of the worker pool.
 */

/**
 * An ArrayBuffer holding exactly `bytes`: its own buffer when `bytes` is all of it, else a copy.
 * NOTE: not `bytes.slice()` — on a Node Buffer that is a view too, not a copy.
 */
export function ownArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** `bytes` itself when it owns its whole buffer, else a copy that does. */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  const buffer = ownArrayBuffer(bytes);
  return buffer === bytes.buffer ? bytes : new Uint8Array(buffer);
}
