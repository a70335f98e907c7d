/**
 * geotiff.js, loaded lazily in a worker thread.
 * NOTE: geotiff.js imports `web-worker` (for its optional decoder pool), which on load in any
 * worker thread destructures `require('worker_threads').workerData` to find out whether it *is*
 * one of its own web workers — and Piscina threads have no workerData, so the import throws
 * ("Cannot destructure property 'mod' of 'threads.workerData'",
 * https://github.com/developit/web-worker/blob/main/src/node/index.js). An empty workerData makes it
 * take its main-thread branch. This must run before geotiff.js is evaluated, which a static import
 * would not allow (imports are evaluated before the importing module's body).
 */
import threads from 'node:worker_threads';

export type GeoTiffModule = typeof import('geotiff');

let loading: Promise<GeoTiffModule> | undefined;

export function geotiffModule(): Promise<GeoTiffModule> {
  if (!loading) {
    const holder = threads as { workerData: unknown };
    if (holder.workerData === undefined || holder.workerData === null) holder.workerData = {};
    loading = import('geotiff');
  }
  return loading;
}
