/**
 * The one place that says where the test fixtures live: `test/fixtures/` of this repository (see
 * its SOURCES.md), found from this file's own location, so any clone in any folder and any working
 * directory resolve the same files. Tests, helpers, benchmarks and the Python helpers (which get
 * the paths as arguments) take every fixture path from here.
 *
 * ASTRA_FIXTURES_DIR points the suite at another copy with the same layout (for example the fuller
 * reference collection the vendored files were taken from).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder (this file is `<root>/test/helpers/fixtures.ts`). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const FIXTURES_DIR = process.env.ASTRA_FIXTURES_DIR || join(REPO_ROOT, 'test', 'fixtures');
export const RASTERS_DIR = join(FIXTURES_DIR, 'rasters');
export const STAC_RESPONSES_DIR = join(FIXTURES_DIR, 'stac-responses');
export const STAC_SCHEMAS_DIR = join(FIXTURES_DIR, 'stac-schemas');

/** Absolute path of a fixture, given its path under the fixtures folder (`rasters/…`, `stac-responses/…`). */
export function fixturePath(...relative: string[]): string {
  return join(FIXTURES_DIR, ...relative);
}

/** The folders of the real raster scenes (file names inside are the upstream ones). */
export const RASTER_SCENES = {
  /** Sentinel-2 L2A tile 29RKH, 2020-02-19: B04.tif, B08.tif, SCL.tif (COGs) and the Earth Search item. */
  sentinel2: join(RASTERS_DIR, 'sentinel-2-l2a_S2A_29RKH_20200219'),
  /** Landsat 8 C2 L2 LC08_L2SP_008059_20191201: SR_B4, SR_B5, QA_PIXEL (strip TIFFs), MTL.json, STAC 0.7 sidecar. */
  landsatC2: join(RASTERS_DIR, 'landsat-c2-l2_LC08_L2SP_008059_20191201'),
  /** The Pucallpa change pair: 1985.tif, 2020.tif (4-band 8-bit, EPSG:4326). */
  pucallpa: join(RASTERS_DIR, 'landsat_pucallpa_change-pair'),
  /** Landsat 7 ETM+ 6-band strip GeoTIFF around Olinda: L7_ETMs.tif. */
  olinda: join(RASTERS_DIR, 'landsat-7-etm_olinda'),
} as const;

/** NDVI statistics and sample pixels computed with GDAL for the raster scenes (SOURCES.md). */
export const NDVI_REFERENCE = join(RASTERS_DIR, 'ndvi-reference.json');

/** What every fixture-reading test needs; the global set-up checks these exist before anything runs. */
export const REQUIRED_FIXTURES = [
  FIXTURES_DIR,
  STAC_RESPONSES_DIR,
  STAC_SCHEMAS_DIR,
  NDVI_REFERENCE,
  join(RASTER_SCENES.sentinel2, 'B04.tif'),
  join(RASTER_SCENES.landsatC2, 'LC08_L2SP_008059_20191201_20200825_02_T1_SR_B4.TIF'),
  join(RASTER_SCENES.pucallpa, '2020.tif'),
] as const;
