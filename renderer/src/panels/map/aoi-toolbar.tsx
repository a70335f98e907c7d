/** Draw, redraw and clear the area of interest; says what a search will cover. */
import { aoiCleared, aoiDrawingStarted, aoiDrawingStopped, pointPickingStopped, useAoi, useDrawingAoi, usePickingPoint } from '../../state/map-area-store';
import { formatBbox } from '../../util/format';

export function AoiToolbar() {
  const aoi = useAoi();
  const drawing = useDrawingAoi();
  const picking = usePickingPoint();
  return (
    <div className="map-toolbar" role="toolbar" aria-label="Area of interest">
      {picking && (
        <>
          <span className="map-toolbar-hint" data-testid="point-picking-hint">
            Click the map to pick the time-series point · Esc cancels
          </span>
          <button type="button" onClick={pointPickingStopped}>
            Cancel
          </button>
        </>
      )}
      {drawing ? (
        <>
          <span className="map-toolbar-hint">Drag on the map to draw the AOI · Esc cancels</span>
          <button type="button" onClick={aoiDrawingStopped}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" data-testid="aoi-draw" onClick={aoiDrawingStarted} title="Drag a rectangle on the map (or Shift+drag at any time)">
          {aoi ? 'Redraw AOI' : 'Draw AOI'}
        </button>
      )}
      {aoi && !drawing && (
        <>
          <span className="map-toolbar-hint" data-testid="aoi-bbox" title="Drag an edge or corner to resize">
            AOI {formatBbox(aoi)}
          </span>
          <button type="button" data-testid="aoi-clear" onClick={aoiCleared}>
            Clear AOI
          </button>
        </>
      )}
    </div>
  );
}
