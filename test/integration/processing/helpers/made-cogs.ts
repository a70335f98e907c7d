/** Runs make_cogs.py (GDAL) and describes what it made. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RASTERS_DIR } from '../../../helpers/fixtures';

const run = promisify(execFile);
export const HELPERS_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface MadeCog {
  path: string;
  width: number;
  height: number;
  epsg: number;
  geotransform: number[];
  /** WGS84 footprint bbox. */
  bbox: number[];
}

export interface MadeCogs {
  landsat: Record<'SR_B4' | 'SR_B5' | 'QA_PIXEL', MadeCog>;
  pucallpa: Record<'1985' | '2020', MadeCog>;
  synthetic: Record<'red' | 'nir', MadeCog>;
  zone28: Record<'B04' | 'B08' | 'SCL', MadeCog>;
}

/** Makes the COGs into a new temp dir (the caller removes `dir`). */
export async function makeCogs(): Promise<{ dir: string; cogs: MadeCogs }> {
  const dir = mkdtempSync(join(tmpdir(), 'astra-processing-cogs-'));
  const { stdout } = await run('/usr/bin/python3', [join(HELPERS_DIR, 'make_cogs.py'), RASTERS_DIR, dir], { maxBuffer: 4 * 1024 * 1024 });
  return { dir, cogs: JSON.parse(stdout) as MadeCogs };
}
