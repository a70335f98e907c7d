/**
 * Where the analyst is looking: the settled map view and the drawn area of interest, both as
 * WGS84 boxes (with no AOI, a search covers the view), and the point picked for a time series.
 */
import { create } from 'zustand';
import type { Bbox } from '../../../electron/service/api/contract';

interface MapAreaState {
  view: Bbox | null;
  aoi: Bbox | null;
  drawingAoi: boolean;
  /** [lon, lat] picked on the map (time series at a point). */
  point: [number, number] | null;
  /** The next map click picks the point. */
  pickingPoint: boolean;
}

const useMapAreaStore = create<MapAreaState>()(() => ({ view: null, aoi: null, drawingAoi: false, point: null, pickingPoint: false }));

export function viewSettled(view: Bbox): void {
  useMapAreaStore.setState({ view });
}

export function aoiDrawingStarted(): void {
  useMapAreaStore.setState({ drawingAoi: true, pickingPoint: false });
}

export function aoiDrawingStopped(): void {
  useMapAreaStore.setState({ drawingAoi: false });
}

export function aoiDrawn(aoi: Bbox): void {
  useMapAreaStore.setState({ aoi, drawingAoi: false });
}

export function aoiCleared(): void {
  useMapAreaStore.setState({ aoi: null, drawingAoi: false });
}

export function pointPickingStarted(): void {
  useMapAreaStore.setState({ pickingPoint: true, drawingAoi: false });
}

export function pointPickingStopped(): void {
  useMapAreaStore.setState({ pickingPoint: false });
}

export function pointPicked(point: [number, number]): void {
  useMapAreaStore.setState({ point, pickingPoint: false });
}

export function pointCleared(): void {
  useMapAreaStore.setState({ point: null, pickingPoint: false });
}

export const useAoi = () => useMapAreaStore((s) => s.aoi);
export const useDrawingAoi = () => useMapAreaStore((s) => s.drawingAoi);
export const usePoint = () => useMapAreaStore((s) => s.point);
export const usePickingPoint = () => useMapAreaStore((s) => s.pickingPoint);
export const useViewBbox = () => useMapAreaStore((s) => s.view);
export const getMapArea = (): MapAreaState => useMapAreaStore.getState();
export const subscribeMapArea = (listener: (state: MapAreaState, previous: MapAreaState) => void) => useMapAreaStore.subscribe(listener);

/** The box a search covers now: the AOI, else the view. */
export function searchArea(state: Pick<MapAreaState, 'aoi' | 'view'> = useMapAreaStore.getState()): Bbox | null {
  return state.aoi ?? state.view;
}
