/**
 * The area of interest: one rectangle, drawn and edited with ol/interaction/Extent. A drag draws a
 * new box only in drawing mode (the "Draw AOI" button) or with Shift held; otherwise a drag pans
 * the map, and grabbing an edge or corner of the box resizes it. The box is committed to the store
 * when the pointer is released.
 */
import type OlMap from 'ol/Map';
import type MapBrowserEvent from 'ol/MapBrowserEvent';
import ExtentInteraction from 'ol/interaction/Extent';
import { shiftKeyOnly } from 'ol/events/condition';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import CircleStyle from 'ol/style/Circle';
import { aoiCleared, aoiDrawingStopped, aoiDrawn, getMapArea, subscribeMapArea } from '../../state/map-area-store';
import { bboxToExtent, extentToBbox } from '../../search/view-bbox';
import type { Extent } from 'ol/extent';

const boxStyle = new Style({
  stroke: new Stroke({ color: '#0f766e', width: 2, lineDash: [8, 5] }),
  fill: new Fill({ color: 'rgba(15, 118, 110, 0.06)' }),
});
const pointerStyle = new Style({
  image: new CircleStyle({ radius: 6, fill: new Fill({ color: '#0f766e' }), stroke: new Stroke({ color: '#fff', width: 2 }) }),
});

class AoiExtent extends ExtentInteraction {
  onRelease: (extent: Extent | null) => void = () => {};

  override handleUpEvent(event: MapBrowserEvent): boolean {
    const result = super.handleUpEvent(event);
    this.onRelease(this.getExtentInternal());
    return result;
  }
}

const sameExtent = (a: Extent | null, b: Extent | null) => (a === null || b === null ? a === b : a.every((v, i) => Math.abs(v - b[i]) < 1e-3));

export function installAoiInteraction(map: OlMap): () => void {
  const interaction = new AoiExtent({
    boxStyle,
    pointerStyle,
    pixelTolerance: 8,
    createCondition: (event) => getMapArea().drawingAoi || shiftKeyOnly(event),
  });
  interaction.onRelease = (extent) => {
    if (!extent) {
      if (getMapArea().aoi) aoiCleared();
      else aoiDrawingStopped();
      return;
    }
    aoiDrawn(extentToBbox(extent));
  };
  map.addInteraction(interaction);

  const fromStore = () => {
    const { aoi, drawingAoi } = getMapArea();
    const wanted = aoi ? bboxToExtent(aoi) : null;
    if (!sameExtent(wanted, interaction.getExtentInternal())) interaction.setExtent(wanted as Extent);
    map.getTargetElement()?.classList.toggle('drawing-aoi', drawingAoi);
  };
  fromStore();
  const unsubscribe = subscribeMapArea((s, p) => {
    if (s.aoi !== p.aoi || s.drawingAoi !== p.drawingAoi) fromStore();
  });
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && getMapArea().drawingAoi) aoiDrawingStopped();
  };
  window.addEventListener('keydown', onKey);
  return () => {
    unsubscribe();
    window.removeEventListener('keydown', onKey);
    map.removeInteraction(interaction);
  };
}
