/**
 * The basemap worker: reads the Natural Earth TopoJSON once and paints requested tiles on an
 * OffscreenCanvas, answering with ImageBitmaps, so tile drawing never blocks a map frame.
 */
import type { Topology } from 'topojson-specification';
import { basemapLayerData } from './basemap-geometry';
import { TilePainter } from './basemap-render';
import type { BasemapRequest, BasemapResponse } from './basemap-protocol';

let painter: TilePainter | null = null;

async function topology(url: string): Promise<Topology> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`basemap ${url}: HTTP ${response.status}`);
  return (await response.json()) as Topology;
}

const reply = (message: BasemapResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<BasemapRequest>) => {
  const message = event.data;
  if (message.type === 'init') {
    try {
      const [land110, countries110, land50, countries50] = await Promise.all(
        [message.urls.land110, message.urls.countries110, message.urls.land50, message.urls.countries50].map(topology),
      );
      painter = new TilePainter({ coarse: basemapLayerData(land110, countries110), detail: basemapLayerData(land50, countries50), detailZoom: message.detailZoom });
      reply({ type: 'ready' });
    } catch (error) {
      reply({ type: 'failed', message: (error as Error).message });
    }
    return;
  }
  if (!painter) return reply({ type: 'tile-failed', id: message.id, message: 'basemap not loaded' });
  const canvas = new OffscreenCanvas(message.pixels, message.pixels);
  const ctx = canvas.getContext('2d');
  if (!ctx) return reply({ type: 'tile-failed', id: message.id, message: 'no 2D context in worker' });
  painter.paint(ctx, message.z, message.x, message.y, message.pixels);
  const bitmap = canvas.transferToImageBitmap();
  reply({ type: 'tile', id: message.id, bitmap }, [bitmap]);
};
