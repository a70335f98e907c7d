/** Messages between the map and the basemap worker. */
export interface BasemapUrls {
  land110: string;
  countries110: string;
  land50: string;
  countries50: string;
}

export type BasemapRequest =
  | { type: 'init'; urls: BasemapUrls; detailZoom: number }
  | { type: 'tile'; id: number; z: number; x: number; y: number; pixels: number };

export type BasemapResponse =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'tile'; id: number; bitmap: ImageBitmap }
  | { type: 'tile-failed'; id: number; message: string };
