/**
 * uPlot options for a time-series chart (chart-data.ts's model): a UTC time axis, the value axis,
 * and per source a clear series (filled markers, joined), a cloudy one (hollow markers) and the
 * "no valid pixel" strip (hollow markers along the bottom on a scale of their own). The x range
 * is padded so markers at the ends are not cut in half; dragging across the plot zooms the time
 * axis (uPlot's own select-to-zoom), a double click shows everything again.
 */
import uPlot from 'uplot';
import { sourceColour } from '../../map/footprints/footprint-colours';
import { EMPTY_ROW, type ChartModel, type ChartSeries } from './chart-data';

export const EMPTY_SCALE = 'empty';
const DAY_S = 86_400;

const KIND_LABEL = { clear: '', cloudy: ' · cloudy', empty: ' · no valid pixel' } as const;

function seriesOptions(s: ChartSeries): uPlot.Series {
  const colour = sourceColour(s.source);
  const hollow = { show: true, size: 8, width: 1.5, stroke: colour, fill: '#ffffff' };
  const label = `${s.source}${KIND_LABEL[s.kind]}`;
  if (s.kind === 'clear') return { label, scale: 'y', stroke: colour, width: 1.5, spanGaps: true, points: { show: true, size: 7, width: 1, stroke: colour, fill: colour } };
  return { label, scale: s.kind === 'empty' ? EMPTY_SCALE : 'y', stroke: colour, width: 0, paths: () => null, points: hollow };
}

/** Seconds → a UTC wall-clock Date, so the axis reads in UTC like the rest of the app. */
const utc = (seconds: number) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');

export interface ChartHooks {
  /** The cursor moved (idx null: it left the plot). */
  cursor(u: uPlot): void;
  /** After each draw: extra marks on u.ctx (the picked scene). */
  draw(u: uPlot): void;
  /** The x scale changed (zoom or reset). */
  zoomed(u: uPlot): void;
}

/** The strip along the bottom holding the "no valid pixel" markers: shaded and labelled, values kept above it. */
function drawEmptyStrip(u: uPlot): void {
  const ctx = u.ctx;
  const top = u.valToPos(EMPTY_ROW * 2, EMPTY_SCALE, true);
  const bottom = u.valToPos(0, EMPTY_SCALE, true);
  ctx.save();
  ctx.fillStyle = '#f1f5f9';
  ctx.fillRect(u.bbox.left, top, u.bbox.width, bottom - top);
  ctx.fillStyle = '#64748b';
  ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillText('no valid pixel', u.bbox.left + 4 * devicePixelRatio, top - 1 * devicePixelRatio);
  ctx.restore();
}

export function chartOptions(model: ChartModel, size: { width: number; height: number }, yLabel: string, hooks: ChartHooks): uPlot.Options {
  const hasEmpty = model.series.some((s) => s.kind === 'empty');
  return {
    ...size,
    tzDate: utc,
    legend: { show: false },
    scales: {
      x: {
        time: true,
        range: (_u, min, max) => {
          const pad = Math.max((max - min) * 0.03, DAY_S);
          return [min - pad, max + pad];
        },
      },
      y: {
        range: (_u, min, max) => {
          if (min === null || max === null) return [0, 1];
          const [lo, hi] = uPlot.rangeNum(min, max, 0.1, true) as [number, number];
          // Room at the bottom for the "no valid pixel" strip.
          return hasEmpty ? [lo - (hi - lo) * 0.14, hi] : [lo, hi];
        },
      },
      [EMPTY_SCALE]: { range: [0, 1] },
    },
    axes: [
      { stroke: '#475569', grid: { stroke: '#e2e8f0', width: 1 }, ticks: { stroke: '#cbd5e1', width: 1 } },
      { scale: 'y', label: yLabel, stroke: '#475569', size: 56, grid: { stroke: '#e2e8f0', width: 1 }, ticks: { stroke: '#cbd5e1', width: 1 } },
    ],
    series: [{}, ...model.series.map(seriesOptions)],
    cursor: {
      // One column for every series: a series without a value there shows no hover point.
      dataIdx: (_u, _seriesIdx, closestIdx) => closestIdx,
      drag: { x: true, y: false, setScale: true },
      points: { size: 11, width: 2 },
    },
    hooks: {
      setCursor: [hooks.cursor],
      drawClear: hasEmpty ? [drawEmptyStrip] : [],
      draw: [hooks.draw],
      setScale: [(u, key) => key === 'x' && hooks.zoomed(u)],
    },
  };
}

export function alignedData(model: ChartModel): uPlot.AlignedData {
  return [model.xs, ...model.series.map((s) => s.values)];
}
