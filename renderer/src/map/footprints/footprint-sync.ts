/**
 * Wires the footprints to the stores, outside React: results → collection (a new search starts
 * over, Next page appends), hover/selection ↔ highlight, a selection's zoom request → the view.
 */
import type OlMap from 'ol/Map';
import { getResults, subscribeResults } from '../../state/results-store';
import { getSelection, subscribeSelection } from '../../state/selection-store';
import type { FootprintCollection } from './footprint-collection';
import { sourceIndex, sourceOf } from './footprint-colours';
import type { FootprintHighlight } from './footprint-highlight';
import type { FootprintLayer } from './footprint-layer';

export function syncFootprints(map: OlMap, collection: FootprintCollection, layer: FootprintLayer, highlight: FootprintHighlight): () => void {
  let generation = -1;
  let consumed = 0;

  const load = () => {
    const { generation: g, items } = getResults();
    if (g !== generation || items.length < consumed) {
      collection.clear();
      generation = g;
      consumed = 0;
    }
    if (items.length === consumed) return;
    collection.append(items.slice(consumed).map((item) => ({ id: item.id, source: sourceIndex(sourceOf(item)), geometry: item.geometry })));
    consumed = items.length;
    layer.refresh();
    highlight.refresh();
  };

  const zoomToSelected = () => {
    const { selectedId } = getSelection();
    const geometry = selectedId ? collection.featureById(selectedId)?.getGeometry() : null;
    if (!geometry) return;
    map.getView().fit(geometry.getExtent(), { padding: [60, 60, 60, 60], duration: 350, maxZoom: 11 });
  };

  load();
  const unsubscribeResults = subscribeResults((s, p) => {
    if (s.items !== p.items || s.generation !== p.generation) load();
  });
  const unsubscribeSelection = subscribeSelection((s, p) => {
    highlight.show(s.hoveredId, s.selectedId);
    if (s.zoomRequest !== p.zoomRequest) zoomToSelected();
  });
  return () => {
    unsubscribeResults();
    unsubscribeSelection();
  };
}
