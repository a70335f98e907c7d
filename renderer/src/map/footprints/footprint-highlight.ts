/** The hovered and the selected footprint, drawn above everything else (a tiny vector layer). */
import Feature from 'ol/Feature';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import type { FootprintCollection } from './footprint-collection';

const selectedStyle = [
  new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.95)', width: 5 }) }),
  new Style({ stroke: new Stroke({ color: '#e11d48', width: 2.5 }), fill: new Fill({ color: 'rgba(225, 29, 72, 0.04)' }) }),
];
const hoveredStyle = [
  new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width: 4 }) }),
  new Style({ stroke: new Stroke({ color: '#0f172a', width: 2 }), fill: new Fill({ color: 'rgba(15, 23, 42, 0.06)' }) }),
];

export class FootprintHighlight {
  readonly layer: VectorLayer;
  private readonly source = new VectorSource<Feature>({ wrapX: false });
  private shown = { hovered: null as string | null, selected: null as string | null };

  constructor(private readonly collection: FootprintCollection) {
    this.layer = new VectorLayer({
      source: this.source,
      zIndex: 60,
      style: (feature) => (feature.get('selected') ? selectedStyle : hoveredStyle),
      properties: { role: 'footprint-highlight' },
      updateWhileAnimating: true,
      updateWhileInteracting: true,
    });
  }

  show(hovered: string | null, selected: string | null): void {
    if (hovered === this.shown.hovered && selected === this.shown.selected) return;
    this.shown = { hovered, selected };
    const features: Feature[] = [];
    const add = (id: string | null, isSelected: boolean) => {
      const original = id ? this.collection.featureById(id) : null;
      const geometry = original?.getGeometry();
      if (!geometry) return;
      features.push(new Feature({ geometry, selected: isSelected }));
    };
    if (hovered !== selected) add(hovered, false);
    add(selected, true);
    this.source.clear(true);
    this.source.addFeatures(features);
  }

  /** Re-resolves ids after the collection was rebuilt. */
  refresh(): void {
    const { hovered, selected } = this.shown;
    this.shown = { hovered: null, selected: null };
    this.show(hovered, selected);
  }
}
