/**
 * Where the analyst is looking: the settled map view and the drawn area of interest, both as
 * WGS84 boxes. With no AOI, a search covers the view.
 */
import { create } from 'zustand';
import type { Bbox } from '../../../electron/service/api/contract';

interface MapAreaState {
  view: Bbox | null;
  aoi: Bbox | null;
  drawingAoi: boolean;
}

const useMapAreaStore = create<MapAreaState>()(() => ({ view: null, aoi: null, drawingAoi: false }));

export function viewSettled(view: Bbox): void {
  useMapAreaStore.setState({ view });
}

export function aoiDrawingStarted(): void {
  useMapAreaStore.setState({ drawingAoi: true });
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

export const useAoi = () => useMapAreaStore((s) => s.aoi);
export const useDrawingAoi = () => useMapAreaStore((s) => s.drawingAoi);
export const useViewBbox = () => useMapAreaStore((s) => s.view);
export const getMapArea = (): MapAreaState => useMapAreaStore.getState();
export const subscribeMapArea = (listener: (state: MapAreaState, previous: MapAreaState) => void) => useMapAreaStore.subscribe(listener);

/** The box a search covers now: the AOI, else the view. */
export function searchArea(state: MapAreaState = useMapAreaStore.getState()): Bbox | null {
  return state.aoi ?? state.view;
}
