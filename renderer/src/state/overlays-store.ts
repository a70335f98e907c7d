/**
 * Raster overlays on the map, described as data: a scene preview (true colour from COGs) or a job
 * result (one band with a colour ramp, or bands 1–3 as true colour for an RGB composite). The map (map/raster/overlay-layers.ts) turns each
 * description into a layer and reports back whether it loaded.
 */
import { create } from 'zustand';

/** One band of a true-colour preview: the asset to read and how to turn its numbers into reflectance. */
export interface PreviewBand {
  asset: string;
  scale: number;
  offset: number;
  nodata: number;
}

export type OverlaySpec =
  | { kind: 'preview'; sceneId: string; epsg: number | null; visual: { asset: string; nodata: number } | null; bands: PreviewBand[] }
  | {
      kind: 'result';
      jobId: string;
      path: string;
      ramp: RampName;
      min: number;
      max: number;
      /** Change results: |difference| above this is loss (−) or gain (+). */
      threshold: number;
      crs: string | null;
    };

/** `rgb`: bands 1–3 are red, green, blue reflectance (an RGB composite), drawn as true colour. */
export type RampName = 'ndvi' | 'change' | 'stretch' | 'rgb';

export interface RasterOverlay {
  id: string;
  title: string;
  spec: OverlaySpec;
  visible: boolean;
  status: 'loading' | 'ready' | 'failed';
  error: string | null;
}

interface OverlaysState {
  overlays: RasterOverlay[];
}

const useOverlaysStore = create<OverlaysState>()(() => ({ overlays: [] }));

const sameSpec = (a: OverlaySpec, b: OverlaySpec) => JSON.stringify(a) === JSON.stringify(b);

/** Adds the overlay, or shows it again if the same one is there; a new spec under the same id (another scene's preview) replaces it. */
export function overlayRequested(id: string, title: string, spec: OverlaySpec): void {
  useOverlaysStore.setState((s) => {
    const existing = s.overlays.find((o) => o.id === id);
    if (existing && existing.status !== 'failed' && sameSpec(existing.spec, spec)) {
      return { overlays: s.overlays.map((o) => (o.id === id ? { ...o, visible: true } : o)) };
    }
    const others = s.overlays.filter((o) => o.id !== id);
    return { overlays: [...others, { id, title, spec, visible: true, status: 'loading', error: null }] };
  });
}

export function overlayRemoved(id: string): void {
  useOverlaysStore.setState((s) => ({ overlays: s.overlays.filter((o) => o.id !== id) }));
}

export function overlayVisibilityToggled(id: string): void {
  useOverlaysStore.setState((s) => ({ overlays: s.overlays.map((o) => (o.id === id ? { ...o, visible: !o.visible } : o)) }));
}

export function overlayLoaded(id: string): void {
  useOverlaysStore.setState((s) => ({ overlays: s.overlays.map((o) => (o.id === id && o.status !== 'ready' ? { ...o, status: 'ready', error: null } : o)) }));
}

export function overlayFailed(id: string, error: string): void {
  useOverlaysStore.setState((s) => ({ overlays: s.overlays.map((o) => (o.id === id ? { ...o, status: 'failed', error } : o)) }));
}

export const useOverlays = () => useOverlaysStore((s) => s.overlays);
export const useOverlay = (id: string) => useOverlaysStore((s) => s.overlays.find((o) => o.id === id));
export const getOverlays = (): RasterOverlay[] => useOverlaysStore.getState().overlays;
export const subscribeOverlays = (listener: (overlays: RasterOverlay[], previous: RasterOverlay[]) => void) =>
  useOverlaysStore.subscribe((s, p) => listener(s.overlays, p.overlays));
