/**
 * A time series' entries → what the chart draws (uPlot's aligned columns). Each source gets three
 * series in its colour: clear observations (filled markers joined by a line), cloudy ones whose
 * cloud_fraction passes CLOUDY_ABOVE (hollow markers, not joined: their values are suspect), and
 * observations without a valid pixel (hollow markers on a strip along the bottom, on a scale of
 * their own, since they have no value). Pure.
 */
import type { SourceId, TimeseriesEntry } from '../../../../electron/service/api/contract';
import type { ChartStatistic } from '../../state/timeseries-chart-store';

/** cloud_fraction above which an observation is drawn apart as cloudy. */
export const CLOUDY_ABOVE = 0.5;

/** Where the "no valid pixel" markers sit on their own 0..1 scale. */
export const EMPTY_ROW = 0.04;

export type ObservationKind = 'clear' | 'cloudy' | 'empty';

export interface ChartSeries {
  source: SourceId;
  kind: ObservationKind;
  /** Per x: the value drawn (EMPTY_ROW for 'empty'), or null. */
  values: Array<number | null>;
  /** Per x: the entry behind that value. */
  entries: Array<TimeseriesEntry | null>;
}

export interface ChartModel {
  variable: string;
  /** Seconds since the epoch, ascending, one per distinct entry datetime. */
  xs: number[];
  series: ChartSeries[];
  sources: SourceId[];
  /** Entries of the chosen variable (what hover and CSV rows describe). */
  count: number;
}

const SOURCE_ORDER: SourceId[] = ['sentinel-2', 'landsat', 'planetary-computer'];
const KINDS: ObservationKind[] = ['clear', 'cloudy', 'empty'];

export function observationKind(entry: TimeseriesEntry, statistic: ChartStatistic): ObservationKind {
  if (entry.valid_pixels === 0 || entry[statistic] === null) return 'empty';
  return entry.cloud_fraction !== null && entry.cloud_fraction > CLOUDY_ABOVE ? 'cloudy' : 'clear';
}

/** The variables of a result, first seen first (bands give one per band). */
export function variablesOf(entries: readonly TimeseriesEntry[]): string[] {
  return [...new Set(entries.map((e) => e.variable))];
}

export function chartModel(entries: readonly TimeseriesEntry[], statistic: ChartStatistic, variable = variablesOf(entries)[0] ?? ''): ChartModel {
  const chosen = entries.filter((e) => e.variable === variable && Number.isFinite(Date.parse(e.datetime)));
  const xs = [...new Set(chosen.map((e) => Date.parse(e.datetime) / 1000))].sort((a, b) => a - b);
  const column = new Map(xs.map((x, i) => [x, i]));
  const sources = SOURCE_ORDER.filter((s) => chosen.some((e) => e.source === s));
  const series: ChartSeries[] = [];
  for (const source of sources) {
    for (const kind of KINDS) {
      const values: Array<number | null> = xs.map(() => null);
      const at: Array<TimeseriesEntry | null> = xs.map(() => null);
      for (const entry of chosen) {
        if (entry.source !== source || observationKind(entry, statistic) !== kind) continue;
        const i = column.get(Date.parse(entry.datetime) / 1000) as number;
        values[i] = kind === 'empty' ? EMPTY_ROW : (entry[statistic] as number);
        at[i] = entry;
      }
      if (at.some((e) => e !== null)) series.push({ source, kind, values, entries: at });
    }
  }
  return { variable, xs, series, sources, count: chosen.length };
}

/** One drawn marker: its entry and where it is (CSS pixels in the plot area). */
export interface Marker {
  entry: TimeseriesEntry;
  kind: ObservationKind;
  x: number;
  y: number;
}

/**
 * Every marker of the model placed by `place` (value → plot pixels, null when outside the plot),
 * in series order (later series are drawn on top).
 */
export function placeMarkers(model: ChartModel, place: (x: number, value: number, kind: ObservationKind) => { x: number; y: number } | null): Marker[] {
  const markers: Marker[] = [];
  for (const s of model.series) {
    s.values.forEach((value, i) => {
      const entry = s.entries[i];
      if (value === null || !entry) return;
      const at = place(model.xs[i], value, s.kind);
      if (at) markers.push({ entry, kind: s.kind, ...at });
    });
  }
  return markers;
}

/** The marker nearest to the pointer within `radius` pixels; on a tie the one drawn on top. */
export function nearestMarker(markers: readonly Marker[], pointer: { x: number; y: number }, radius: number): Marker | null {
  let best: Marker | null = null;
  let bestDistance = radius;
  for (const marker of markers) {
    const distance = Math.hypot(marker.x - pointer.x, marker.y - pointer.y);
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = marker;
    }
  }
  return best;
}
