/**
 * The uPlot chart of a time series, built outside React's render in an effect and rebuilt when
 * the model changes; it follows its box's size. Hovering shows the nearest observation (date,
 * source, value, valid pixels, cloud, scenes); clicking a marker (a press and release without a
 * drag, which would zoom) picks it. The picked scene's markers get a ring.
 */
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimeseriesEntry } from '../../../../electron/service/api/contract';
import { nearestEntry, type ChartModel } from './chart-data';
import { alignedData, chartOptions, EMPTY_SCALE } from './chart-options';
import { ChartTooltip } from './chart-tooltip';

interface Props {
  model: ChartModel;
  yLabel: string;
  statistic: string;
  pickedSceneId: string | null;
  onPick: (entry: TimeseriesEntry) => void;
  /** Set to the live chart (for PNG export and resetting the zoom). */
  chartRef: MutableRefObject<uPlot | null>;
  onZoomChange: (zoomed: boolean) => void;
}

export interface Hover {
  entry: TimeseriesEntry;
  left: number;
  top: number;
  /** The chart's width, to keep the tooltip inside it. */
  width: number;
}

const CLICK_SLOP_PX = 4;

function entryUnderCursor(u: uPlot, model: ChartModel): TimeseriesEntry | null {
  const idx = u.cursor.idx;
  if (idx === null || idx === undefined || u.cursor.top === undefined || u.cursor.top < 0) return null;
  const ys = model.series.map((s) => (s.values[idx] === null ? null : u.valToPos(s.values[idx] as number, s.kind === 'empty' ? EMPTY_SCALE : 'y')));
  return nearestEntry(model, idx, ys, u.cursor.top);
}

export function TimeseriesChart({ model, yLabel, statistic, pickedSceneId, onPick, chartRef, onZoomChange }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const latest = useRef({ onPick, onZoomChange, pickedSceneId });
  useEffect(() => {
    latest.current = { onPick, onZoomChange, pickedSceneId };
    // A newly picked scene: redraw for its ring.
    chartRef.current?.redraw(false, false);
  }, [onPick, onZoomChange, pickedSceneId, chartRef]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const size = () => ({ width: Math.max(200, element.clientWidth), height: Math.max(120, element.clientHeight) });
    const drawPicked = (u: uPlot) => {
      const picked = latest.current.pickedSceneId;
      if (!picked) return;
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = '#e11d48';
      ctx.lineWidth = 2.5 * devicePixelRatio;
      model.series.forEach((s) => {
        s.entries.forEach((entry, i) => {
          if (!entry?.scenes.includes(picked) || s.values[i] === null) return;
          ctx.beginPath();
          ctx.arc(u.valToPos(model.xs[i], 'x', true), u.valToPos(s.values[i] as number, s.kind === 'empty' ? EMPTY_SCALE : 'y', true), 8 * devicePixelRatio, 0, 2 * Math.PI);
          ctx.stroke();
        });
      });
      ctx.restore();
    };
    const options = chartOptions(model, size(), yLabel, {
      cursor: (u) => {
        const entry = entryUnderCursor(u, model);
        setHover(entry ? { entry, left: u.over.offsetLeft + (u.cursor.left ?? 0), top: u.over.offsetTop + (u.cursor.top ?? 0), width: element.clientWidth } : null);
      },
      draw: drawPicked,
      zoomed: (u) => {
        const x = u.scales.x;
        const full = model.xs.length === 0 || (x.min !== undefined && x.max !== undefined && x.min <= model.xs[0] && x.max >= model.xs[model.xs.length - 1]);
        latest.current.onZoomChange(!full);
      },
    });
    const u = new uPlot(options, alignedData(model), element);
    chartRef.current = u;
    let down: { x: number; y: number } | null = null;
    const onDown = (e: MouseEvent) => (down = { x: e.clientX, y: e.clientY });
    const onUp = (e: MouseEvent) => {
      const click = down && Math.hypot(e.clientX - down.x, e.clientY - down.y) <= CLICK_SLOP_PX;
      down = null;
      const entry = click ? entryUnderCursor(u, model) : null;
      if (entry) latest.current.onPick(entry);
    };
    u.over.addEventListener('mousedown', onDown);
    u.over.addEventListener('mouseup', onUp);
    const observer = new ResizeObserver(() => u.setSize(size()));
    observer.observe(element);
    return () => {
      observer.disconnect();
      u.over.removeEventListener('mousedown', onDown);
      u.over.removeEventListener('mouseup', onUp);
      u.destroy();
      if (chartRef.current === u) chartRef.current = null;
      setHover(null);
    };
  }, [model, yLabel, chartRef]);

  return (
    <div className="timeseries-chart" data-testid="timeseries-chart" data-sources={model.sources.join(',')} data-points={model.count}>
      <div ref={host} className="timeseries-canvas" />
      {hover && <ChartTooltip hover={hover} statistic={statistic} />}
    </div>
  );
}
