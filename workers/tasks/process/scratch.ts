/**
 * Per-thread reusable Float32Arrays for the intermediate rasters of a tile (source windows,
 * reflectance, resampled bands). ArrayBuffer churn is what makes V8 run full garbage collections
 * here (external memory pressure), so reusing the few megabytes a tile needs instead of
 * allocating them for every tile cuts those collections. At most MAX_BYTES are kept, sizes used
 * least recently dropped first. Never give back an array that was transferred or is still in use.
 */
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_PER_LENGTH = 8;
/** Free arrays by length; Map order = least recently used length first. */
const free = new Map<number, Float32Array[]>();
let pooledBytes = 0;

export function takeFloat32(length: number): Float32Array {
  const list = free.get(length);
  const array = list?.pop();
  if (!array) return new Float32Array(length);
  pooledBytes -= array.byteLength;
  free.delete(length);
  free.set(length, list!);
  return array;
}

export function giveBack(...arrays: Array<Float32Array | null | undefined>): void {
  for (const array of arrays) {
    if (!array || array.byteOffset !== 0 || array.byteLength === 0 || array.byteLength !== array.buffer.byteLength) continue;
    let list = free.get(array.length);
    if (!list) free.set(array.length, (list = []));
    if (list.length >= MAX_PER_LENGTH || list.includes(array)) continue;
    list.push(array);
    pooledBytes += array.byteLength;
  }
  for (const [length, list] of free) {
    if (pooledBytes <= MAX_BYTES) break;
    free.delete(length);
    pooledBytes -= list.reduce((sum, a) => sum + a.byteLength, 0);
  }
}

/** Bytes currently pooled (tests). */
export function pooledScratchBytes(): number {
  return pooledBytes;
}
