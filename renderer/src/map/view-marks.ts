/**
 * Marks on the map's element saying when the view last came to rest and was drawn in full:
 * `data-view-moves` counts the moves that ended (pans, zooms, fits), `data-view-drawn` is that
 * count as of the last complete render (every layer's tiles loaded, nothing animating). A view
 * is still and drawn when the two agree — what a script or a test waits for before reading a
 * pixel after a fit, rather than sleeping.
 */
import type OlMap from 'ol/Map';

export function installViewMarks(map: OlMap): () => void {
  let moves = 0;
  const element = () => map.getTargetElement() as HTMLElement | null;
  const onMoveEnd = () => {
    moves += 1;
    element()?.setAttribute('data-view-moves', String(moves));
  };
  const onRenderComplete = () => element()?.setAttribute('data-view-drawn', String(moves));
  map.on('moveend', onMoveEnd);
  map.on('rendercomplete', onRenderComplete);
  return () => {
    map.un('moveend', onMoveEnd);
    map.un('rendercomplete', onRenderComplete);
  };
}
