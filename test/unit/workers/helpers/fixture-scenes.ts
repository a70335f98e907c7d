/**
 * The real scenes under test/fixtures/rasters, read the way a worker will receive them:
 * bands decoded by geotiff.js, band names bound through STAC common names, radiometric factors from
 * the scene's own metadata (S2: item raster:bands; Landsat C2: MTL.json, as the STAC 0.7 item has none).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bindBands } from '../../../../workers/lib/indices';
import type { RadiometricScaling } from '../../../../workers/lib/radiometry';
import { RASTERS_DIR, RASTER_SCENES } from '../../../helpers/fixtures';
import { readBand, type ReadBand } from './read-geotiff';

export const FIXTURES = RASTERS_DIR;
export const S2_SCENE = RASTER_SCENES.sentinel2;
export const LANDSAT_SCENE = RASTER_SCENES.landsatC2;

export interface SceneBand extends ReadBand {
  readonly asset: string;
  readonly scaling: RadiometricScaling;
}

interface S2Asset { href: string; 'eo:bands'?: { common_name?: string }[]; 'raster:bands'?: RadiometricScaling[] }

export async function readSentinel2(commonNames: readonly string[]): Promise<{ bands: Record<string, SceneBand>; scl: ReadBand }> {
  const item = JSON.parse(readFileSync(join(S2_SCENE, 'S2A_29RKH_20200219_0_L2A.json'), 'utf8')) as { assets: Record<string, S2Asset> };
  const cogAssets = Object.entries(item.assets).filter(([key]) => !key.endsWith('-jp2'));
  const lookup = (name: string): string | undefined =>
    cogAssets.find(([key, asset]) => key === name || asset['eo:bands']?.some((b) => b.common_name === name))?.[0];
  const binding = bindBands(commonNames, lookup);
  if (binding.missing.length > 0) throw new Error(`S2 fixture lacks ${binding.missing.join(', ')}`);
  const bands: Record<string, SceneBand> = {};
  for (const [name, key] of Object.entries(binding.assets)) {
    const asset = item.assets[key];
    const file = asset.href.split('/').pop() as string;
    const raster = asset['raster:bands']?.[0] ?? {};
    bands[name] = { ...(await readBand(join(S2_SCENE, file))), asset: file, scaling: raster };
  }
  return { bands, scl: await readBand(join(S2_SCENE, 'SCL.tif')) };
}

interface LandsatItem { properties: { 'eo:bands': { name: string; common_name: string }[] } }

export async function readLandsat(commonNames: readonly string[]): Promise<{ bands: Record<string, SceneBand>; qa: ReadBand }> {
  const files = readdirSync(LANDSAT_SCENE);
  const fileFor = (suffix: string): string => join(LANDSAT_SCENE, files.find((f) => f.endsWith(suffix)) as string);
  const item = JSON.parse(readFileSync(fileFor('_SR_stac.json'), 'utf8')) as LandsatItem;
  const mtl = JSON.parse(readFileSync(fileFor('_MTL.json'), 'utf8'));
  const factors = mtl.LANDSAT_METADATA_FILE.LEVEL2_SURFACE_REFLECTANCE_PARAMETERS as Record<string, string>;
  const lookup = (name: string): string | undefined =>
    item.properties['eo:bands'].find((b) => b.name === name || b.common_name === name)?.name;
  const binding = bindBands(commonNames, lookup);
  if (binding.missing.length > 0) throw new Error(`Landsat fixture lacks ${binding.missing.join(', ')}`);
  const bands: Record<string, SceneBand> = {};
  for (const [name, asset] of Object.entries(binding.assets)) {
    const n = asset.replace('SR_B', '');
    const band = await readBand(fileFor(`_${asset}.TIF`));
    const scaling = { scale: Number(factors[`REFLECTANCE_MULT_BAND_${n}`]), offset: Number(factors[`REFLECTANCE_ADD_BAND_${n}`]), nodata: band.nodata };
    bands[name] = { ...band, asset, scaling };
  }
  return { bands, qa: await readBand(fileFor('_QA_PIXEL.TIF')) };
}
