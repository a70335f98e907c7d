/** The values of the raster overlays at the last map click. */
import { create } from 'zustand';

export interface PixelReadout {
  lonLat: [number, number];
  values: Array<{ overlayId: string; title: string; text: string }>;
}

const usePixelReadoutStore = create<{ readout: PixelReadout | null }>()(() => ({ readout: null }));

export function pixelRead(readout: PixelReadout | null): void {
  usePixelReadoutStore.setState({ readout });
}

export const usePixelReadout = () => usePixelReadoutStore((s) => s.readout);
