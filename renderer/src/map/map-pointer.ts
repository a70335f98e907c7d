/**
 * Pointer on the map: hovering a footprint highlights it and its list row (R-tree hit test, not
 * pixel hit detection); a click picks the time-series point while the form asks for one, else
 * reads the raster overlays' values under the pointer when there are any, and otherwise selects
 * the footprint under it and zooms to it.
 */
import type OlMap from 'ol/Map';
import type MapBrowserEvent from 'ol/MapBrowserEvent';
import { toLonLat } from 'ol/proj';
import { getMapArea, pointPicked } from '../state/map-area-store';
import { getOverlays, type RasterOverlay } from '../state/overlays-store';
import { pixelRead, type PixelReadout } from '../state/pixel-readout-store';
import { resultHovered, resultSelected } from '../state/selection-store';
import type { FootprintCollection } from './footprints/footprint-collection';
import { visibleOverlayLayers } from './raster/overlay-layers';

function formatValue(overlay: RasterOverlay, data: ArrayLike<number>): string {
  const spec = overlay.spec;
  if (spec.kind === 'result') {
    const v = data[0];
    if (spec.ramp === 'rgb') return `reflectance ${Array.from(data).slice(0, 3).map((x) => x.toFixed(3)).join(', ')}`;
    if (spec.ramp === 'change') {
      const cls = v < -spec.threshold ? 'loss (−1)' : v > spec.threshold ? 'gain (+1)' : 'no change (0)';
      return `${cls} · Δ ${v.toFixed(3)}`;
    }
    return Number.isFinite(v) ? v.toFixed(3) : 'no data';
  }
  const values = Array.from(data).slice(0, 3);
  if (spec.visual) return `RGB ${values.map((v) => Math.round(v)).join(', ')}`;
  return `reflectance ${values.map((v, i) => (v * spec.bands[i].scale + spec.bands[i].offset).toFixed(3)).join(', ')}`;
}

export function readPixel(map: OlMap, pixel: number[], coordinate: number[]): PixelReadout | null {
  const overlays = getOverlays();
  const values: PixelReadout['values'] = [];
  for (const layer of visibleOverlayLayers(map)) {
    const data = layer.getData(pixel) as ArrayLike<number> | null;
    if (!data || data.length < 2 || data[data.length - 1] === 0) continue;
    const overlay = overlays.find((o) => o.id === layer.get('overlayId'));
    if (overlay) values.push({ overlayId: overlay.id, title: overlay.title, text: formatValue(overlay, data) });
  }
  if (values.length === 0) return null;
  const [lon, lat] = toLonLat(coordinate);
  return { lonLat: [lon, lat], values };
}

export function installMapPointer(map: OlMap, collection: FootprintCollection): () => void {
  const onMove = (event: MapBrowserEvent) => {
    if (event.dragging) return;
    const id = collection.hitTest(event.coordinate);
    resultHovered(id);
    const target = map.getTargetElement();
    // While a time-series point is being picked, the map's crosshair (CSS) stays.
    if (target) target.style.cursor = id && !getMapArea().pickingPoint ? 'pointer' : '';
  };
  const onLeave = () => resultHovered(null);
  const onClick = (event: MapBrowserEvent) => {
    if (getMapArea().pickingPoint) {
      const [lon, lat] = toLonLat(event.coordinate);
      pointPicked([((((lon + 180) % 360) + 360) % 360) - 180, lat]);
      return;
    }
    const readout = readPixel(map, event.pixel, event.coordinate);
    pixelRead(readout);
    if (readout) return;
    const id = collection.hitTest(event.coordinate);
    if (id) resultSelected(id, { zoom: true });
  };
  map.on('pointermove', onMove);
  map.on('singleclick', onClick);
  const viewport = map.getViewport() as HTMLElement | undefined;
  viewport?.addEventListener('pointerleave', onLeave);
  return () => {
    map.un('pointermove', onMove);
    map.un('singleclick', onClick);
    viewport?.removeEventListener('pointerleave', onLeave);
  };
}
