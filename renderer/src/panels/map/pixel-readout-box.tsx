/** Values of the overlays at the last clicked map pixel. */
import { pixelRead, usePixelReadout } from '../../state/pixel-readout-store';

export function PixelReadoutBox() {
  const readout = usePixelReadout();
  if (!readout) return null;
  const [lon, lat] = readout.lonLat;
  return (
    <div className="pixel-readout" data-testid="pixel-readout">
      <div className="pixel-readout-head">
        <span>
          {lat.toFixed(5)}, {lon.toFixed(5)}
        </span>
        <button type="button" className="link-button" aria-label="Close pixel values" onClick={() => pixelRead(null)}>
          ×
        </button>
      </div>
      {readout.values.map((v) => (
        <div key={v.overlayId} className="pixel-readout-row">
          <span className="pixel-readout-title">{v.title}</span>
          <strong data-testid="pixel-value">{v.text}</strong>
        </div>
      ))}
    </div>
  );
}
