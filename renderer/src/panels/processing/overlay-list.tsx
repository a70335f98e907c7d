/** Raster layers on the map (previews and results): visibility, state and removal. */
import { overlayRemoved, overlayVisibilityToggled, useOverlays } from '../../state/overlays-store';

export function OverlayList() {
  const overlays = useOverlays();
  if (overlays.length === 0) return <p className="panel-empty">No raster layers. Preview a scene or show a job result.</p>;
  return (
    <ul className="overlays" data-testid="overlay-list">
      {[...overlays].reverse().map((o) => (
        <li key={o.id} className={`overlay overlay-${o.status}`} data-testid="overlay-row" data-overlay-status={o.status}>
          <label className="check">
            <input type="checkbox" checked={o.visible} onChange={() => overlayVisibilityToggled(o.id)} />
            <span className="overlay-title">{o.title}</span>
          </label>
          <span className="overlay-status">{o.status === 'loading' ? 'loading…' : o.status === 'failed' ? 'failed' : ''}</span>
          <button type="button" className="link-button" aria-label={`Remove ${o.title}`} onClick={() => overlayRemoved(o.id)}>
            ×
          </button>
          {o.error && <p className="error-text">{o.error}</p>}
        </li>
      ))}
    </ul>
  );
}
