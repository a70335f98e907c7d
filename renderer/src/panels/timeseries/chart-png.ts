/**
 * A chart as a PNG: the uPlot canvas (plot and axes) on white, under a title line and a legend of
 * the sources and marker kinds, at the canvas's own pixel density.
 */
import type uPlot from 'uplot';
import { SOURCE_LABEL, sourceColour } from '../../map/footprints/footprint-colours';
import type { ChartModel } from './chart-data';

const HEADER_CSS_PX = 44;

export function chartPng(u: uPlot, model: ChartModel, title: string): Promise<Blob> {
  const source = u.ctx.canvas;
  const ratio = source.width / Math.max(1, u.width);
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = source.height + Math.round(HEADER_CSS_PX * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('This browser cannot draw the PNG.'));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#111827';
  ctx.font = '600 13px system-ui, sans-serif';
  ctx.fillText(title, 10, 17);
  ctx.font = '12px system-ui, sans-serif';
  let x = 10;
  const marker = (colour: string, filled: boolean, label: string) => {
    ctx.beginPath();
    ctx.arc(x + 5, 33, 4.5, 0, 2 * Math.PI);
    ctx.fillStyle = filled ? colour : '#ffffff';
    ctx.fill();
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.fillStyle = '#374151';
    ctx.fillText(label, x + 14, 37);
    x += 22 + ctx.measureText(label).width;
  };
  for (const s of model.sources) marker(sourceColour(s), true, SOURCE_LABEL[s] ?? s);
  if (model.series.some((s) => s.kind !== 'clear')) marker('#6b7280', false, 'cloudy or no valid pixel');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(source, 0, Math.round(HEADER_CSS_PX * ratio));
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))), 'image/png'));
}
