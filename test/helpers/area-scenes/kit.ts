/**
 * The area kit (README.md): synthetic multi-scene COGs made by make_area_kit.py with GDAL at test
 * time, and the manifest that describes them. Types mirror the manifest's JSON.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON, run } from '../gdal';

export const AREA_SCENES_DIR = dirname(fileURLToPath(import.meta.url));

export type KitVariant = 'main' | 'constant';
export type LonLatBbox = [number, number, number, number];
export interface KitPolygon { type: 'Polygon'; coordinates: number[][][] }

export interface KitFile {
  path: string;
  /** Where the fake upstream serves it. */
  url_path: string;
  bytes: number;
  width: number;
  height: number;
  epsg: number;
  geotransform: number[];
  block: [number, number];
  block_grid: [number, number];
  /** Full-resolution COG blocks, row-major: [byte offset, byte size]. */
  blocks: Array<[number, number]>;
  overviews: number;
  /** Bytes before the first block of any level (header and IFDs). */
  header_end: number;
}

export interface KitBand {
  /** ASTRA asset key: B02…B08, SR_B2…SR_B5. */
  asset: string;
  scale: number;
  offset: number;
  nodata: number;
  resolution: number;
  /** Constant variant: the one DN of every pixel with data. */
  constant_dn?: number;
}

export interface KitScene {
  /** The service's scene id, `<source>:<upstream id>`. */
  id: string;
  upstream_id: string;
  source: 'sentinel-2' | 'landsat';
  catalog: 'earthSearch' | 'landsatLook';
  collection: string;
  /** Sentinel-2: how the item states its scale/offset (kit_scenes.py). */
  radiometry?: 'pb' | 'boa' | 'c1';
  platform: string;
  datetime: string;
  tile?: string;
  /** Sentinel-2: datatake sensing start, YYYYMMDDTHHMMSS. */
  sensing?: string;
  product?: string;
  path_row?: [string, string];
  epsg: number;
  cloud_cover: number;
  geometry: KitPolygon;
  bbox: LonLatBbox;
  /** By common name (blue, green, red, nir / nir08). */
  bands: Record<string, KitBand>;
  mask: { kind: 'scl' | 'landsat-qa'; asset: 'SCL' | 'QA_PIXEL'; invalid_classes?: number[]; invalid_bits?: number };
  /** By asset key. */
  files: Record<string, KitFile>;
}

export interface KitManifest {
  variant: KitVariant;
  dir: string;
  origin: [number, number];
  scenes: KitScene[];
  aois: {
    bbox: LonLatBbox;
    polygon?: KitPolygon;
    field?: KitPolygon;
    wide?: LonLatBbox;
    /** A pixel centre of its own output grid (kit_manifest.py). */
    point?: [number, number];
  };
  periods: { summer: string; june: string; august: string };
  /** Main variant: for every file of every scene holding the point, the full-resolution block holding it. */
  point_blocks?: Record<string, { col: number; row: number; offset: number; size: number }>;
}

export interface AreaKit {
  dir: string;
  manifestPath: string;
  manifest: KitManifest;
  scene(id: string): KitScene;
}

/** Makes the kit into a new temp dir (the caller removes `dir`). */
export async function makeAreaKit(variant: KitVariant = 'main'): Promise<AreaKit> {
  const dir = mkdtempSync(join(tmpdir(), `astra-area-kit-${variant}-`));
  const { stdout } = await run(PYTHON, [join(AREA_SCENES_DIR, 'make_area_kit.py'), dir, variant], { maxBuffer: 4 * 1024 * 1024 });
  const manifestPath = stdout.trim();
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as KitManifest;
  const byId = new Map(manifest.scenes.map((scene) => [scene.id, scene]));
  return {
    dir,
    manifestPath,
    manifest,
    scene(id) {
      const scene = byId.get(id);
      if (!scene) throw new Error(`no kit scene ${id}`);
      return scene;
    },
  };
}
