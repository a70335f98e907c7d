/**
 * V8 heap tuning for the process the service runs in, applied once by each entry point
 * (serve.ts, the Electron main process) before the service starts.
 *
 * V8 counts the external memory allocated since the last full GC — ArrayBuffers: COG bytes read
 * from the cache, result planes coming back from the workers, deflated tiles — against the old
 * generation's limit, and sets that limit at a small multiple of the live JS heap (about 18 MB
 * here, so a limit near 42 MB). A raster job streams gigabytes of ArrayBuffers through the main
 * thread, so V8 ran a full mark-compact for every ~24 MB: about 125 per full-scene NDVI, some 5 s
 * of CPU (marking helpers included) on a 2-core machine. With a growing factor of 5 the limit
 * sits further above the live heap: about 10 full GCs per run instead of ~125, for about 40 MB more
 * peak RSS (test/bench/ndvi, numbers in docs/architecture.md).
 *
 * `--heap-growing-percent` is read each time V8 recomputes its limits, so setting it at run time
 * takes effect; Node and Electron both start V8 with `--no-freeze-flags-after-init` so that
 * `v8.setFlagsFromString` keeps working (Electron made sure of it in electron/electron#42414).
 */
import { setFlagsFromString } from 'node:v8';

/** Old-generation limit = live size × (1 + this / 100) after each full GC. */
export const HEAP_GROWING_PERCENT = 400;

export function tuneHeapForStreaming(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
