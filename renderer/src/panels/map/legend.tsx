/**
 * The colour ramp of the top visible result overlay: NDVI brown→green, change loss red / gain
 * green, a stretch low→high; for a true-colour composite the reflectance range each band spans.
 */
import { rampStops } from '../../map/raster/overlay-styles';
import { useOverlays } from '../../state/overlays-store';

const css = (c: [number, number, number, number]) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${Math.max(c[3], 0.35)})`;

export function Legend() {
  const overlays = useOverlays();
  const top = [...overlays].reverse().find((o) => o.visible && o.spec.kind === 'result');
  if (!top || top.spec.kind !== 'result') return null;
  const { ramp, min, max } = top.spec;
  const stops = rampStops(ramp, min, max);
  return (
    <div className="legend" data-testid="legend" aria-label={`Legend: ${top.title}`}>
      <div className="legend-title">{top.title}</div>
      {ramp === 'rgb' ? (
        <div className="legend-rgb" data-testid="legend-rgb">
          <span className="legend-swatch legend-swatch-rgb" aria-hidden="true" />
          True colour · red, green, blue · reflectance {stops[0].label} – {stops[stops.length - 1].label} per band
        </div>
      ) : ramp === 'change' ? (
        <ul className="legend-classes">
          {stops.map((s) => (
            <li key={s.value}>
              <span className="legend-swatch" style={{ background: css(s.colour) }} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : (
        <>
          <div
            className="legend-ramp"
            style={{
              background: `linear-gradient(to right, ${stops
                .map((s) => `${css(s.colour)} ${(((s.value - stops[0].value) / (stops[stops.length - 1].value - stops[0].value)) * 100).toFixed(1)}%`)
                .join(', ')})`,
            }}
          />
          <div className="legend-labels">
            <span>{stops[0].label}</span>
            {ramp === 'ndvi' && <span>0</span>}
            <span>{stops[stops.length - 1].label}</span>
          </div>
        </>
      )}
    </div>
  );
}
