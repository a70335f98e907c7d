/** Zoom buttons, a scale line and the pointer's position in degrees; attribution for Natural Earth. */
import Attribution from 'ol/control/Attribution';
import MousePosition from 'ol/control/MousePosition';
import ScaleLine from 'ol/control/ScaleLine';
import Zoom from 'ol/control/Zoom';
import type Control from 'ol/control/Control';
import type { Coordinate } from 'ol/coordinate';

function formatLonLat(coordinate: Coordinate | undefined): string {
  if (!coordinate) return '';
  const [lon, lat] = coordinate;
  const wrapped = ((((lon + 180) % 360) + 360) % 360) - 180;
  return `${Math.abs(lat).toFixed(4)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(wrapped).toFixed(4)}° ${wrapped >= 0 ? 'E' : 'W'}`;
}

export function createMapControls(): Control[] {
  return [
    new Zoom(),
    new ScaleLine({ units: 'metric', bar: false, minWidth: 90 }),
    new MousePosition({ projection: 'EPSG:4326', coordinateFormat: formatLonLat, className: 'map-mouse-position', placeholder: '\u00a0' }),
    new Attribution({ collapsible: false }),
  ];
}
