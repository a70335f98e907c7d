/**
 * Raster overlays on the map: each description in the overlays store becomes a WebGL tile layer
 * over ol/source/GeoTIFF, reading the COGs through this app's routes with the Authorization
 * header (geotiff.js `headers`), so the service's cache answers first and offline works alike.
 */
import type OlMap from 'ol/Map';
import WebGLTileLayer from 'ol/layer/WebGLTile';
import { transformExtent, type ProjectionLike } from 'ol/proj';
import type { Extent } from 'ol/extent';
import GeoTIFF, { type SourceInfo } from 'ol/source/GeoTIFF';
import type { ApiClient } from '../../api/client';
import { cogUrl } from '../../api/scenes-api';
import { getOverlays, overlayFailed, overlayLoaded, subscribeOverlays, type RasterOverlay } from '../../state/overlays-store';
import { previewStyle, resultStyle } from './overlay-styles';
import { ensureProjection, registerOfflineProjections } from './register-projections';

interface Entry {
  overlay: RasterOverlay;
  layer: WebGLTileLayer;
  source: GeoTIFF;
  dispose(): void;
}

function sourcesFor(client: ApiClient, overlay: RasterOverlay): SourceInfo[] {
  const spec = overlay.spec;
  // NOTE: only band 1 of a result is read: reading band 2 of the two-band (band-interleaved,
  // deflate + float predictor) change COG fails in the browser's geotiff.js decoder pool with
  // "incorrect header check", while Node reads the same file; band 1 carries what the map needs.
  if (spec.kind === 'result') return [{ url: client.url(spec.path), nodata: NaN, bands: spec.ramp === 'rgb' ? [1, 2, 3] : [1] }];
  if (spec.visual) return [{ url: cogUrl(client, spec.sceneId, spec.visual.asset), nodata: spec.visual.nodata }];
  return spec.bands.map((b) => ({ url: cogUrl(client, spec.sceneId, b.asset), nodata: b.nodata }));
}

function createEntry(map: OlMap, client: ApiClient, overlay: RasterOverlay, zIndex: number): Entry {
  const spec = overlay.spec;
  ensureProjection(spec.kind === 'preview' ? (spec.epsg ? `EPSG:${spec.epsg}` : null) : spec.crs);
  const source = new GeoTIFF({
    sources: sourcesFor(client, overlay),
    sourceOptions: { headers: client.headers() },
    normalize: false,
    interpolate: spec.kind === 'preview',
    loadMissingProjection: true,
    transition: 0,
  });
  const layer = new WebGLTileLayer({
    source,
    style: spec.kind === 'preview' ? previewStyle(spec) : resultStyle(spec),
    zIndex,
    visible: overlay.visible,
    properties: { role: 'overlay', overlayId: overlay.id, title: overlay.title },
  });
  const onChange = () => {
    const state = source.getState();
    if (state === 'ready') {
      overlayLoaded(overlay.id);
      if (spec.kind === 'result') {
        void source.getView().then((view) => {
          if (view.extent && view.projection) {
            const extent = view.extent;
            map.getView().fit(transformToView(extent, view.projection, map), { padding: [40, 40, 40, 40], duration: 300 });
          }
        });
      }
    } else if (state === 'error') {
      overlayFailed(overlay.id, readableSourceError(source.getError()));
    }
  };
  let tileErrors = 0;
  const onTileError = () => {
    tileErrors += 1;
    if (tileErrors === 3) overlayFailed(overlay.id, 'Some image tiles could not be read from the service.');
  };
  source.on('change', onChange);
  source.on('tileloaderror', onTileError);
  map.addLayer(layer);
  return {
    overlay,
    layer,
    source,
    dispose() {
      source.un('change', onChange);
      source.un('tileloaderror', onTileError);
      map.removeLayer(layer);
      layer.dispose();
    },
  };
}

function transformToView(extent: Extent, projection: ProjectionLike, map: OlMap): Extent {
  return transformExtent(extent, projection, map.getView().getProjection());
}

function readableSourceError(error: Error | null): string {
  const message = error?.message ?? 'unknown error';
  if (/not available offline/.test(message)) return message;
  if (/\b401\b/.test(message)) return 'The service refused the key while reading the image (401).';
  if (/\b404\b/.test(message)) return 'The image is not available from the service (404).';
  return `The image could not be read: ${message}`;
}

/** Installs the sync; overlays keep their store order, later ones drawn on top. */
export function syncOverlayLayers(map: OlMap, client: ApiClient): () => void {
  registerOfflineProjections((code) => client.call('GET /api/v1/crs/{code}', { params: { code } }).then((crs) => crs.proj4));
  const entries = new Map<string, Entry>();
  const apply = (overlays: RasterOverlay[]) => {
    const wanted = new Set(overlays.map((o) => o.id));
    for (const [id, entry] of entries) {
      if (!wanted.has(id)) {
        entry.dispose();
        entries.delete(id);
      }
    }
    overlays.forEach((overlay, i) => {
      let entry = entries.get(overlay.id);
      if (entry && entry.overlay.spec !== overlay.spec) {
        entry.dispose();
        entries.delete(overlay.id);
        entry = undefined;
      }
      if (!entry) {
        entry = createEntry(map, client, overlay, 10 + i);
        entries.set(overlay.id, entry);
      }
      entry.overlay = overlay;
      entry.layer.setVisible(overlay.visible);
      entry.layer.setZIndex(10 + i);
    });
  };
  apply(getOverlays());
  const unsubscribe = subscribeOverlays((overlays) => apply(overlays));
  return () => {
    unsubscribe();
    entries.forEach((e) => e.dispose());
    entries.clear();
  };
}

/** The visible overlay layers, top first (for pixel reading). */
export function visibleOverlayLayers(map: OlMap): WebGLTileLayer[] {
  return map
    .getLayers()
    .getArray()
    .filter((l): l is WebGLTileLayer => l instanceof WebGLTileLayer && l.getVisible() && l.get('role') === 'overlay')
    .sort((a, b) => (b.getZIndex() ?? 0) - (a.getZIndex() ?? 0));
}
