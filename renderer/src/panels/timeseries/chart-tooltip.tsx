/** What the hovered marker is: date (or period), source and platform, the value, valid pixels, cloud, scenes. */
import { SOURCE_LABEL } from '../../map/footprints/footprint-colours';
import { formatDateTime, shortSceneId } from '../../util/format';
import type { Hover } from './timeseries-chart';

const number = (v: number | null) => (v === null ? '—' : v.toFixed(4));

export function ChartTooltip({ hover, statistic }: { hover: Hover; statistic: string }) {
  const { entry } = hover;
  const value = entry[statistic as 'mean'] ?? null;
  // Right of the pointer, or left of it near the right edge.
  const flip = hover.left > hover.width - 260;
  const style = { top: Math.max(4, hover.top - 20), ...(flip ? { right: hover.width - hover.left + 14 } : { left: hover.left + 14 }) };
  return (
    <div className="chart-tooltip" style={style} role="status" data-testid="chart-tooltip" data-scene-id={entry.scenes[0] ?? ''} data-source={entry.source}>
      <div className="chart-tooltip-head">{entry.period ? entry.period.label : formatDateTime(entry.datetime)}</div>
      <div>
        {SOURCE_LABEL[entry.source] ?? entry.source} · {entry.platform}
      </div>
      <div>
        {entry.variable} {statistic}: <strong>{entry.valid_pixels === 0 ? 'no valid pixel' : number(value)}</strong>
      </div>
      {entry.valid_pixels > 1 && entry.p10 !== null && entry.p90 !== null && (
        <div className="hint">
          p10–p90 {number(entry.p10)} – {number(entry.p90)} · std {number(entry.std)}
        </div>
      )}
      <div className="hint">
        {entry.valid_pixels.toLocaleString()} valid px · cloud {entry.cloud_fraction === null ? '—' : `${Math.round(entry.cloud_fraction * 100)} %`}
      </div>
      {entry.scenes.map((id) => (
        <div key={id} className="chart-tooltip-scene">
          {shortSceneId(id)}
        </div>
      ))}
      <div className="hint">Click to select the scene</div>
    </div>
  );
}
