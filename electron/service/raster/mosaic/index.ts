/** GeoTIFFs on one pixel lattice mosaicked into one COG (e.g. a remote openEO result split over several files). */
export { writeMosaicCog, MOSAIC_TILE_SIZE, type MosaicOptions, type MosaicResult } from './write-mosaic';
export { mosaicGrid, MosaicError, overlap, type MosaicGrid, type SourceGrid } from './mosaic-grid';
