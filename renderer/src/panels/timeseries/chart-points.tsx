/**
 * One transparent button over each marker of the chart: Tab reaches the observations in time
 * order, focus shows the tooltip, Enter selects the scene. The mouse passes through them to the
 * chart (pointer-events: none), which does its own hit testing.
 */
import type { TimeseriesEntry } from '../../../../electron/service/api/contract';
import { SOURCE_LABEL } from '../../map/footprints/footprint-colours';
import { formatDateTime } from '../../util/format';
import type { Marker } from './chart-data';
import type { PlacedMarkers } from './timeseries-chart';

function label(entry: TimeseriesEntry, statistic: string): string {
  const value = entry[statistic as 'mean'];
  const what = entry.valid_pixels === 0 || value === null ? 'no valid pixel' : `${entry.variable} ${statistic} ${value.toFixed(3)}`;
  return `${formatDateTime(entry.datetime)}, ${SOURCE_LABEL[entry.source] ?? entry.source}: ${what}. Select the scene.`;
}

interface Props {
  placed: PlacedMarkers;
  statistic: string;
  onFocus: (marker: Marker | null) => void;
  onPick: (entry: TimeseriesEntry) => void;
}

export function ChartPoints({ placed, statistic, onFocus, onPick }: Props) {
  const ordered = [...placed.markers].sort((a, b) => a.x - b.x);
  return (
    <div className="chart-points" style={{ left: placed.left, top: placed.top }} aria-label="Observations">
      {ordered.map((m) => (
        <button
          key={`${m.entry.source}|${m.entry.datetime}|${m.entry.variable}`}
          type="button"
          className="chart-point"
          data-testid="chart-point"
          data-source={m.entry.source}
          data-kind={m.kind}
          data-scene-id={m.entry.scenes[0] ?? ''}
          style={{ left: m.x, top: m.y }}
          aria-label={label(m.entry, statistic)}
          onFocus={() => onFocus(m)}
          onBlur={() => onFocus(null)}
          onClick={() => onPick(m.entry)}
        />
      ))}
    </div>
  );
}
