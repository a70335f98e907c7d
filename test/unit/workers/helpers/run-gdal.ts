/** Runs GDAL as the independent reference: its command-line tools, or a helper script from ./gdal with the system Python (osgeo.gdal + numpy). */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPTS = join(dirname(fileURLToPath(import.meta.url)), 'gdal');

export async function runGdalPython(script: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('/usr/bin/python3', [join(SCRIPTS, script), ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

export async function runGdalTool(tool: 'gdalwarp' | 'gdal_translate', args: readonly string[]): Promise<void> {
  await run(tool, ['-q', ...args]);
}

export async function readFloat32File(path: string): Promise<Float32Array> {
  const bytes = await readFile(path);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
