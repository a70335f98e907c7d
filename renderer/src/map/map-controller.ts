/**
 * The OpenLayers map and everything on it, built once outside React. Components reach it through
 * MapContext; stores reach it through the sync modules installed here.
 */
import OlMap from 'ol/Map';
import View from 'ol/View';
import type { Bbox } from '../../../electron/service/api/contract';
import type { ApiClient } from '../api/client';
import { extentToBbox, bboxToExtent } from '../search/view-bbox';
import { viewSettled } from '../state/map-area-store';
import { installAoiInteraction } from './aoi/aoi-interaction';
import { installPointMarker } from './aoi/point-marker';
import { createBasemap } from './basemap/basemap-layer';
import { FootprintCollection } from './footprints/footprint-collection';
import { FootprintHighlight } from './footprints/footprint-highlight';
import { FootprintLayer } from './footprints/footprint-layer';
import { syncFootprints } from './footprints/footprint-sync';
import { createMapControls } from './map-controls';
import { installMapPointer } from './map-pointer';
import { syncOverlayLayers } from './raster/overlay-layers';
import { installViewMarks } from './view-marks';

export interface MapController {
  readonly map: OlMap;
  readonly footprints: FootprintLayer;
  readonly collection: FootprintCollection;
  /** Resolves when the basemap is on the map (rejects if it could not be read). */
  readonly basemapReady: Promise<void>;
  /** Shows a WGS84 box; with `asSearchArea` the box itself (not the wider view) becomes the search area. */
  fitBbox(bbox: Bbox, options?: { asSearchArea?: boolean }): void;
  dispose(): void;
}

export function createMapController(client: ApiClient): MapController {
  const aborter = new AbortController();
  const basemap = createBasemap(aborter.signal);
  const collection = new FootprintCollection();
  const footprints = new FootprintLayer(collection);
  const highlight = new FootprintHighlight(collection);
  const map = new OlMap({
    controls: createMapControls(),
    layers: [basemap.layer, footprints.layer, highlight.layer],
    view: new View({ center: [0, 2_000_000], zoom: 2, minZoom: 1, maxZoom: 18, enableRotation: false, constrainResolution: false }),
  });


  // A view fitted from a link keeps the link's box as the search area until the user moves the map.
  let fittedView: string | null = null;
  const viewKey = () => {
    const view = map.getView();
    return `${view.getCenter()?.join(',')}@${view.getResolution()}`;
  };
  const onMoveEnd = () => {
    if (fittedView !== null && fittedView === viewKey()) return;
    fittedView = null;
    const size = map.getSize();
    if (!size || size[0] === 0 || size[1] === 0) return;
    viewSettled(extentToBbox(map.getView().calculateExtent(size)));
  };
  map.on('moveend', onMoveEnd);

  const disposers = [
    syncFootprints(map, collection, footprints, highlight),
    installAoiInteraction(map),
    installPointMarker(map),
    installMapPointer(map, collection),
    syncOverlayLayers(map, client),
    installViewMarks(map),
  ];

  return {
    map,
    footprints,
    collection,
    basemapReady: basemap.ready,
    fitBbox(bbox, options = {}) {
      const fit = () => {
        const size = map.getSize();
        if (!size || size[0] === 0) return false;
        map.getView().fit(bboxToExtent(bbox), { size, nearest: false });
        if (options.asSearchArea) {
          fittedView = viewKey();
          viewSettled(bbox);
        }
        return true;
      };
      if (!fit()) map.once('change:size', () => fit());
    },
    dispose() {
      aborter.abort();
      map.un('moveend', onMoveEnd);
      disposers.forEach((d) => d());
      map.setTarget(undefined);
      map.dispose();
    },
  };
}
