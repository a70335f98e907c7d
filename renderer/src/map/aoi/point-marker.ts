/**
 * The point picked for a time series, drawn as a marker above the footprints; while the form
 * waits for a click the map shows a crosshair cursor (the click itself is read in map-pointer.ts).
 */
import Feature from 'ol/Feature';
import type OlMap from 'ol/Map';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import CircleStyle from 'ol/style/Circle';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import { getMapArea, pointPickingStopped, subscribeMapArea } from '../../state/map-area-store';

const markerStyle = [
  new Style({ image: new CircleStyle({ radius: 9, stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.95)', width: 4 }) }) }),
  new Style({ image: new CircleStyle({ radius: 9, stroke: new Stroke({ color: '#0f766e', width: 2 }), fill: new Fill({ color: 'rgba(15, 118, 110, 0.25)' }) }) }),
  new Style({ image: new CircleStyle({ radius: 2.5, fill: new Fill({ color: '#0f766e' }) }) }),
];

export function installPointMarker(map: OlMap): () => void {
  const source = new VectorSource<Feature>({ wrapX: false });
  const layer = new VectorLayer({ source, zIndex: 70, style: markerStyle, properties: { role: 'timeseries-point' } });
  map.addLayer(layer);
  const fromStore = () => {
    const { point, pickingPoint } = getMapArea();
    source.clear(true);
    if (point) source.addFeature(new Feature({ geometry: new Point(fromLonLat(point)) }));
    map.getTargetElement()?.classList.toggle('picking-point', pickingPoint);
  };
  fromStore();
  const unsubscribe = subscribeMapArea((s, p) => {
    if (s.point !== p.point || s.pickingPoint !== p.pickingPoint) fromStore();
  });
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && getMapArea().pickingPoint) pointPickingStopped();
  };
  window.addEventListener('keydown', onKey);
  return () => {
    unsubscribe();
    window.removeEventListener('keydown', onKey);
    map.removeLayer(layer);
  };
}
