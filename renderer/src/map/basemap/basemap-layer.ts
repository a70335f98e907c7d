/**
 * The offline basemap: Natural Earth land, coastlines and country borders from the world-atlas
 * package (emitted by Vite as files of this app — the page may fetch only from 'self'), painted
 * into raster tiles by a worker. 1:110m when zoomed out, 1:50m from DETAIL_ZOOM. No network tiles.
 *
 * Tiles instead of vector layers: a vector layer re-renders every land polygon whenever the view
 * settles (~55 ms per settle measured in headless Chromium); a tile is painted once, off the main
 * thread, and then only composited.
 */
import TileLayer from 'ol/layer/Tile';
import ImageTileSource from 'ol/source/ImageTile';
import { createXYZ } from 'ol/tilegrid';
import type { Topology } from 'topojson-specification';
import countries110Url from 'world-atlas/countries-110m.json?url';
import countries50Url from 'world-atlas/countries-50m.json?url';
import land110Url from 'world-atlas/land-110m.json?url';
import land50Url from 'world-atlas/land-50m.json?url';
import { basemapLayerData } from './basemap-geometry';
import type { BasemapRequest, BasemapResponse, BasemapUrls } from './basemap-protocol';
import { TILE_SIZE, TilePainter } from './basemap-render';
import { DETAIL_ZOOM } from './basemap-style';

const URLS: BasemapUrls = { land110: land110Url, countries110: countries110Url, land50: land50Url, countries50: countries50Url };

type TilePaint = (z: number, x: number, y: number, pixels: number) => Promise<ImageBitmap | HTMLCanvasElement>;

/** Tiles painted by the worker. */
function workerPainter(signal: AbortSignal): { ready: Promise<void>; paint: TilePaint } {
  const worker = new Worker(new URL('./basemap-tile-worker.ts', import.meta.url), { type: 'module', name: 'astra-basemap' });
  signal.addEventListener('abort', () => worker.terminate());
  const pending = new Map<number, { resolve: (b: ImageBitmap) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let settle: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  worker.onmessage = (event: MessageEvent<BasemapResponse>) => {
    const m = event.data;
    if (m.type === 'ready') settle?.resolve();
    else if (m.type === 'failed') settle?.reject(new Error(m.message));
    else {
      const waiter = pending.get(m.id);
      pending.delete(m.id);
      if (m.type === 'tile') waiter?.resolve(m.bitmap);
      else waiter?.reject(new Error(m.message));
    }
  };
  worker.onerror = (event) => settle?.reject(new Error(event.message || 'basemap worker failed'));
  const post = (message: BasemapRequest) => worker.postMessage(message);
  post({ type: 'init', urls: URLS, detailZoom: DETAIL_ZOOM });
  return {
    ready,
    paint: async (z, x, y, pixels) => {
      await ready;
      const id = nextId++;
      return new Promise<ImageBitmap>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'tile', id, z, x, y, pixels });
      });
    },
  };
}

/** Tiles painted on the main thread, where a worker cannot draw (no OffscreenCanvas). */
function mainThreadPainter(signal: AbortSignal): { ready: Promise<void>; paint: TilePaint } {
  const fetchTopology = async (url: string) => (await (await fetch(url, { signal })).json()) as Topology;
  const painter = Promise.all([URLS.land110, URLS.countries110, URLS.land50, URLS.countries50].map(fetchTopology)).then(
    ([l110, c110, l50, c50]) => new TilePainter({ coarse: basemapLayerData(l110, c110), detail: basemapLayerData(l50, c50), detailZoom: DETAIL_ZOOM }),
  );
  return {
    ready: painter.then(() => undefined),
    paint: async (z, x, y, pixels) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = pixels;
      const ctx = canvas.getContext('2d');
      if (ctx) (await painter).paint(ctx, z, x, y, pixels);
      return canvas;
    },
  };
}

export interface Basemap {
  layer: TileLayer;
  /** Resolves once the data is read (rejects with a readable reason). */
  ready: Promise<void>;
}

export function createBasemap(signal: AbortSignal): Basemap {
  const painter = typeof OffscreenCanvas === 'function' && typeof Worker === 'function' ? workerPainter(signal) : mainThreadPainter(signal);
  const pixels = TILE_SIZE * Math.min(2, Math.max(1, Math.ceil(globalThis.devicePixelRatio || 1)));
  const source = new ImageTileSource({
    loader: (z, x, y) => painter.paint(z, x, y, pixels),
    tileGrid: createXYZ({ tileSize: TILE_SIZE, maxZoom: 20 }),
    tileSize: pixels,
    wrapX: true,
    transition: 0,
    attributions: 'Basemap © Natural Earth',
  });
  const layer = new TileLayer({ source, zIndex: 0, className: 'ol-layer basemap', preload: 1, properties: { role: 'basemap' } });
  return { layer, ready: painter.ready };
}
