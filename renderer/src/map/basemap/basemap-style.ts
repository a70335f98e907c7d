/** Quiet basemap colours so footprints and imagery stand out. */
export const OCEAN_COLOUR = '#cfe0ec';
export const LAND_COLOUR = '#f4f1e8';
export const BORDER_COLOUR = 'rgba(120, 110, 100, 0.55)';
export const COAST_COLOUR = '#8aa5b8';
/** Zoom from which the 1:50m data replaces 1:110m. */
export const DETAIL_ZOOM = 4;
