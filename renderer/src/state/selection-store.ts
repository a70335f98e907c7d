/** Which result the pointer is over (list row or footprint) and which one is selected. */
import { create } from 'zustand';

interface SelectionState {
  hoveredId: string | null;
  selectedId: string | null;
  /** Bumped when a selection asks the map to zoom to it (list click, footprint click). */
  zoomRequest: number;
}

const useSelectionStore = create<SelectionState>()(() => ({ hoveredId: null, selectedId: null, zoomRequest: 0 }));

export function resultHovered(id: string | null): void {
  if (useSelectionStore.getState().hoveredId !== id) useSelectionStore.setState({ hoveredId: id });
}

export function resultSelected(id: string | null, options: { zoom?: boolean } = {}): void {
  useSelectionStore.setState((s) => ({ selectedId: id, zoomRequest: options.zoom && id ? s.zoomRequest + 1 : s.zoomRequest }));
}

export const useIsHovered = (id: string) => useSelectionStore((s) => s.hoveredId === id);
export const useIsSelected = (id: string) => useSelectionStore((s) => s.selectedId === id);
export const useSelectedId = () => useSelectionStore((s) => s.selectedId);
export const getSelection = (): SelectionState => useSelectionStore.getState();
export const subscribeSelection = (listener: (state: SelectionState, previous: SelectionState) => void) => useSelectionStore.subscribe(listener);
