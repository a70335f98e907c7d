/**
 * The bench page: the app's basemap plus N synthetic footprints, drawn either by ASTRA's
 * footprint layer (`?mode=ours`) or by a plain ol/layer/Vector (`?mode=baseline`). Frame times are
 * taken from OpenLayers' own render events (precompose → postcompose bracket all layers of one
 * frame) and tagged gesture (view animating or interacting) or settled. The runner drives the
 * view with real mouse input and reads `window.bench`.
 */
import 'ol/ol.css';
import OlMap from 'ol/Map';
import View from 'ol/View';
import Feature from 'ol/Feature';
import Polygon from 'ol/geom/Polygon';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import { fromLonLat } from 'ol/proj';
import type RenderEvent from 'ol/render/Event';
import { createBasemap } from '../../../../renderer/src/map/basemap/basemap-layer';
import { FootprintCollection } from '../../../../renderer/src/map/footprints/footprint-collection';
import { FootprintHighlight } from '../../../../renderer/src/map/footprints/footprint-highlight';
import { FootprintLayer } from '../../../../renderer/src/map/footprints/footprint-layer';
import { rgba } from '../../../../renderer/src/map/footprints/footprint-colours';
import { clusterCentres, syntheticFootprints } from './synthetic-footprints';

interface Frame {
  ms: number;
  /** The first frame after a gesture ended: the render a settled view costs. */
  settle: boolean;
  zoom: number;
  gesture: boolean;
  mode: string;
}

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 5000);
const mode = params.get('mode') === 'baseline' ? 'baseline' : 'ours';
const footprints = syntheticFootprints(n);

const map = new OlMap({
  target: 'map',
  view: new View({ center: fromLonLat([10, 20]), zoom: 2, enableRotation: false }),
});

const collection = new FootprintCollection();
collection.append(footprints);
const highlight = new FootprintHighlight(collection);
let ours: FootprintLayer | null = null;
let baselineSource: VectorSource | null = null;
let baselineLayer: VectorLayer | null = null;

if (mode === 'ours') {
  ours = new FootprintLayer(collection);
  map.addLayer(ours.layer);
} else {
  const styles = [0, 1, 2, 3].map((s) => new Style({ fill: new Fill({ color: rgba(s, 0.08) }), stroke: new Stroke({ color: rgba(s, 0.85), width: 1.25 }) }));
  const features = footprints.map((f) => {
    const feature = new Feature(new Polygon((f.geometry as { coordinates: number[][][] }).coordinates).transform('EPSG:4326', 'EPSG:3857'));
    feature.setId(f.id);
    feature.set('source', f.source);
    return feature;
  });
  baselineSource = new VectorSource({ features });
  baselineLayer = new VectorLayer({ source: baselineSource, style: (feature) => styles[feature.get('source') as number], zIndex: 50 });
  map.addLayer(baselineLayer);
}
map.addLayer(highlight.layer);

const frames: Frame[] = [];
let frameStart = 0;
map.on('precompose', () => {
  frameStart = performance.now();
});
let previousGesture = false;
map.on('postcompose', (event: RenderEvent) => {
  const hints = event.frameState?.viewHints ?? [0, 0];
  const gesture = hints[0] > 0 || hints[1] > 0;
  const settle = previousGesture && !gesture;
  previousGesture = gesture;
  frames.push({ ms: performance.now() - frameStart, settle, zoom: Math.round(event.frameState?.viewState.zoom ?? 0), gesture, mode: ours?.stats.mode ?? 'vector' });
});
const rafGaps: number[] = [];
let lastRaf = 0;
const onRaf = (t: number) => {
  if (lastRaf) rafGaps.push(t - lastRaf);
  lastRaf = t;
  requestAnimationFrame(onRaf);
};
requestAnimationFrame(onRaf);
let lastRender = performance.now();
map.on('postrender', () => {
  lastRender = performance.now();
});

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Hover: hit test + highlight + one synchronous frame, at `count` pixels over the footprints. */
function measureHover(count: number): { hover: number[]; click: number[] } {
  const size = map.getSize() ?? [1000, 800];
  const hover: number[] = [];
  const click: number[] = [];
  for (let i = 0; i < count; i++) {
    const pixel = [((i * 7919) % 1000) / 1000 * size[0], ((i * 104729) % 800) / 800 * size[1]];
    const coordinate = map.getCoordinateFromPixel(pixel);
    const t0 = performance.now();
    let id: string | null = null;
    if (ours) {
      id = collection.hitTest(coordinate);
    } else {
      map.forEachFeatureAtPixel(pixel, (f) => {
        id = String(f.getId());
        return true;
      }, { layerFilter: (l) => l === baselineLayer });
    }
    const t1 = performance.now();
    highlight.show(id, null);
    map.renderSync();
    hover.push(performance.now() - t0);
    click.push(t1 - t0);
  }
  return { hover, click };
}

declare global {
  interface Window {
    bench: unknown;
  }
}

window.bench = {
  n,
  mode,
  ready: false,
  frames,
  /** ms since the last rendered frame (the runner waits for quiet). */
  idleFor: () => performance.now() - lastRender,
  resetFrames: () => {
    frames.length = 0;
    rafGaps.length = 0;
  },
  zoom: () => map.getView().getZoom(),
  /** Centre on the first cluster at `zoom`. */
  goToCluster: (zoom: number) => {
    map.getView().setCenter(fromLonLat(clusterCentres()[0]));
    map.getView().setZoom(zoom);
  },
  summary: () => {
    const gesture = frames.filter((f) => f.gesture).map((f) => f.ms);
    const settled = frames.filter((f) => f.settle).map((f) => f.ms);
    return {
      gestureFrames: gesture.length,
      gestureMedian: percentile(gesture, 50),
      gestureP95: percentile(gesture, 95),
      settledFrames: settled.length,
      settledMedian: percentile(settled, 50),
      settledP95: percentile(settled, 95),
      settledMax: percentile(settled, 100),
      zooms: frames.filter((f) => f.settle).reduce<Record<string, number>>((acc, f) => ({ ...acc, [`z${f.zoom}:${f.mode}`]: (acc[`z${f.zoom}:${f.mode}`] ?? 0) + 1 }), {}),
      settledDetail: percentile(frames.filter((f) => f.settle && f.mode === 'detail').map((f) => f.ms), 50),
      settledDetailMax: percentile(frames.filter((f) => f.settle && f.mode === 'detail').map((f) => f.ms), 100),
      rafP95: percentile(rafGaps, 95),
      rafMax: percentile(rafGaps, 100),
      modes: frames.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.mode]: (acc[f.mode] ?? 0) + 1 }), {}),
    };
  },
  hover: (count: number) => {
    const { hover, click } = measureHover(count);
    return { hoverMedian: percentile(hover, 50), hoverP95: percentile(hover, 95), clickMedian: percentile(click, 50), clickP95: percentile(click, 95) };
  },
  renderer: () => {
    const gl = document.createElement('canvas').getContext('webgl');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return info && gl ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'no WebGL';
  },
};

const basemap = createBasemap(new AbortController().signal);
map.addLayer(basemap.layer);
void basemap.ready.then(() => {
  map.once('rendercomplete', () => {
    (window.bench as { ready: boolean }).ready = true;
  });
  map.render();
});
