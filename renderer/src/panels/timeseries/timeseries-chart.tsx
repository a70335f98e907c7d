/**
 * The uPlot chart of a time series, built outside React's render in an effect and rebuilt when
 * the model changes; it follows its box's size. After each draw the markers' positions are kept:
 * hovering shows the marker nearest the pointer (date, source, value, valid pixels, cloud,
 * scenes), clicking it (a press and release without a drag, which would zoom) picks it, and each
 * marker also gets a transparent button at its place, so the keyboard can reach and pick it too
 * (the mouse passes through them to the chart). The picked scene's markers get a ring.
 */
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimeseriesEntry } from '../../../../electron/service/api/contract';
import { nearestMarker, placeMarkers, type ChartModel, type Marker } from './chart-data';
import { alignedData, chartOptions, EMPTY_SCALE } from './chart-options';
import { ChartPoints } from './chart-points';
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
  /** The marker's place in the chart box (CSS pixels). */
  left: number;
  top: number;
  /** The chart's width, to keep the tooltip inside it. */
  width: number;
}

/** Placed markers and the plot area's offset in the chart box. */
export interface PlacedMarkers {
  markers: Marker[];
  left: number;
  top: number;
}

const CLICK_SLOP_PX = 4;
const HIT_RADIUS_PX = 12;

export function TimeseriesChart({ model, yLabel, statistic, pickedSceneId, onPick, chartRef, onZoomChange }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [placed, setPlaced] = useState<PlacedMarkers>({ markers: [], left: 0, top: 0 });
  const latest = useRef({ onPick, onZoomChange, pickedSceneId });
  useEffect(() => {
    latest.current = { onPick, onZoomChange, pickedSceneId };
    // A newly picked scene: redraw for its ring.
    chartRef.current?.redraw(false, false);
  }, [onPick, onZoomChange, pickedSceneId, chartRef]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let markers: Marker[] = [];
    const size = () => ({ width: Math.max(200, element.clientWidth), height: Math.max(120, element.clientHeight) });
    const hoverOf = (u: uPlot, marker: Marker | null): Hover | null =>
      marker && { entry: marker.entry, left: u.over.offsetLeft + marker.x, top: u.over.offsetTop + marker.y, width: element.clientWidth };
    const underCursor = (u: uPlot) => {
      const { left, top } = u.cursor;
      return left === undefined || top === undefined || left < 0 ? null : nearestMarker(markers, { x: left, y: top }, HIT_RADIUS_PX);
    };
    const drawn = (u: uPlot) => {
      const width = u.over.clientWidth;
      markers = placeMarkers(model, (x, value, kind) => {
        const px = u.valToPos(x, 'x');
        return px < -1 || px > width + 1 ? null : { x: px, y: u.valToPos(value, kind === 'empty' ? EMPTY_SCALE : 'y') };
      });
      setPlaced({ markers, left: u.over.offsetLeft, top: u.over.offsetTop });
      const picked = latest.current.pickedSceneId;
      if (!picked) return;
      const ctx = u.ctx;
      const ratio = devicePixelRatio;
      ctx.save();
      ctx.strokeStyle = '#e11d48';
      ctx.lineWidth = 2.5 * ratio;
      for (const m of markers) {
        if (!m.entry.scenes.includes(picked)) continue;
        ctx.beginPath();
        ctx.arc((u.bbox.left / ratio + m.x) * ratio, (u.bbox.top / ratio + m.y) * ratio, 8 * ratio, 0, 2 * Math.PI);
        ctx.stroke();
      }
      ctx.restore();
    };
    const options = chartOptions(model, size(), yLabel, {
      cursor: (u) => setHover(hoverOf(u, underCursor(u))),
      draw: drawn,
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
      const marker = click ? underCursor(u) : null;
      if (marker) latest.current.onPick(marker.entry);
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
    };
  }, [model, yLabel, chartRef]);

  return (
    <div className="timeseries-chart" data-testid="timeseries-chart" data-sources={model.sources.join(',')} data-points={model.count}>
      <div ref={host} className="timeseries-canvas" />
      <ChartPoints placed={placed} statistic={statistic} onFocus={(m) => setHover(m && { entry: m.entry, left: placed.left + m.x, top: placed.top + m.y, width: host.current?.clientWidth ?? 0 })} onPick={onPick} />
      {hover && <ChartTooltip hover={hover} statistic={statistic} />}
    </div>
  );
}
