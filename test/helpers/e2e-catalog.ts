/**
 * The upstream world of the browser journeys: the fake catalogs (test/helpers/fake-upstream)
 * serving the real Sentinel-2 L2A item of tile 29RKH (2020-02-19) and a copy of it ten days
 * earlier, whose COG assets point at the real downsampled COGs of that tile, served by the fake
 * with Range. Red, green and blue all read B04 (only red and NIR exist as fixtures), so the
 * preview is grey; the "before" copy swaps red and NIR so change detection finds change.
 * `extraScenes` adds that many more copies, one per earlier day, for volume and paging. `area`
 * adds the area kit (test/helpers/area-scenes: Sentinel-2 tiles in two UTM zones and a Landsat
 * scene, made by GDAL in a temp dir) to the same fake catalogs, for the area-analysis journey.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orUndo, runAll } from './clean-up';
import { cloneItemShifted, startFakeUpstream, type FakeUpstream, type FakeUpstreamOptions } from './fake-upstream';
import { FIXTURE, readFixtureJson, type Json } from './fake-upstream/fixture-files';
import { RASTER_SCENES } from './fixtures';
import { makeAreaKit, type AreaKit, type KitVariant } from './area-scenes/kit';
import { kitItems } from './area-scenes/kit-items';

const RASTERS = RASTER_SCENES.sentinel2;

/** The area and dates that find the two scenes. */
export const JOURNEY_BBOX = [-12.6, 23.9, -10.3, 25.7] as const;
export const JOURNEY_DATETIME = '2020-02-01/2020-02-29';
export const AFTER_ID = 'sentinel-2:S2A_29RKH_20200219_0_L2A';
export const BEFORE_ID = 'sentinel-2:S2A_29RKH_20200209_0_L2A';

export interface JourneyCatalog {
  fake: FakeUpstream;
  /** The area kit the catalogs also serve (only when started with `area`). */
  kit: AreaKit;
  /** ASTRA_* variables that point the service at the fake. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** A small JPEG thumbnail made from B04 with GDAL, when GDAL is installed. */
function makeThumbnail(dir: string): string | null {
  const out = join(dir, 'thumbnail.jpg');
  try {
    execFileSync('gdal_translate', ['-q', '-of', 'JPEG', '-ot', 'Byte', '-scale', '0', '4000', '0', '255', '-outsize', '256', '256', join(RASTERS, 'B04.tif'), out]);
    return existsSync(out) ? out : null;
  } catch {
    return null;
  }
}

function withLocalAssets(item: Json, hrefs: Record<string, string>): Json {
  const assets = { ...(item.assets as Record<string, Json>) };
  for (const key of Object.keys(assets)) {
    if (key in hrefs) assets[key] = { ...assets[key], href: hrefs[key] };
    // Only assets with local bytes stay (keeps every read on this machine).
    else delete assets[key];
  }
  return { ...item, assets };
}

export async function startJourneyCatalog(options: FakeUpstreamOptions = {}, extraScenes?: number, area?: KitVariant): Promise<JourneyCatalog> {
  const tmp = mkdtempSync(join(tmpdir(), 'astra-journey-'));
  const kit = area ? await orUndo(() => makeAreaKit(area), () => rmSync(tmp, { recursive: true, force: true })) : null;
  const removeTmp = () => runAll(() => rmSync(tmp, { recursive: true, force: true }), () => (kit ? rmSync(kit.dir, { recursive: true, force: true }) : undefined));
  const fake = await orUndo(() => startFakeUpstream({ items: { earthSearch: [], planetaryComputer: [], landsatLook: [] }, ...options }), removeTmp);
  // Each scene reads its own URLs, so the byte cache treats them as different files.
  const serve = (scene: string, name: string) =>
    fake.serveFile(`/cogs/${scene}/${name}`, join(RASTERS, name), { contentType: 'image/tiff; application=geotiff; profile=cloud-optimized' });
  const thumbnailFile = makeThumbnail(tmp);
  const thumbnail = thumbnailFile ? fake.serveFile('/cogs/thumbnail.jpg', thumbnailFile, { contentType: 'image/jpeg' }) : null;
  const assets = (scene: string, swapRedNir: boolean) => {
    const b04 = serve(scene, 'B04.tif');
    const b08 = serve(scene, 'B08.tif');
    return { red: swapRedNir ? b08 : b04, green: b04, blue: b04, nir: swapRedNir ? b04 : b08, scl: serve(scene, 'SCL.tif'), ...(thumbnail ? { thumbnail } : {}) };
  };

  const real = readFixtureJson(FIXTURE.esRasterItem29RKH);
  const after = withLocalAssets(real, assets('after', false));
  const before = withLocalAssets(cloneItemShifted(real, -10), assets('before', true));
  if (!options.items?.earthSearch) fake.items.earthSearch.push(after, before);
  // More acquisitions of the same tile, one per earlier day (list and paging volume).
  for (let day = 1; day <= (extraScenes ?? 0); day++) fake.items.earthSearch.push(cloneItemShifted(after, -10 - day));
  if (kit) {
    const items = kitItems(kit.manifest, (path, file) => fake.serveFile(path, file), fake.url);
    fake.items.earthSearch.push(...items.earthSearch);
    fake.items.landsatLook.push(...items.landsatLook);
  }

  return {
    fake,
    get kit(): AreaKit {
      if (!kit) throw new Error('this journey catalog was started without the area kit (catalog.area)');
      return kit;
    },
    env: {
      ASTRA_EARTH_SEARCH_URL: fake.earthSearchUrl,
      ASTRA_LANDSATLOOK_URL: fake.landsatLookUrl,
      ASTRA_PLANETARY_COMPUTER_URL: fake.planetaryComputerUrl,
      ASTRA_PC_SAS_URL: fake.sasUrl,
      ASTRA_UPSTREAM_TIMEOUT_MS: '3000',
    },
    async close() {
      await runAll(() => fake.close().catch(() => undefined), removeTmp);
    },
  };
}

/** The hash that opens the journey search (and runs it). */
export function journeyHash(extra = ''): string {
  return `#bbox=${JOURNEY_BBOX.join(',')}&datetime=${JOURNEY_DATETIME}&cloud=100&sources=sentinel-2${extra}`;
}
