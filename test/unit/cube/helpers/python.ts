/** The system Python (numpy, osgeo) as the independent reference for the cube tests: raw binary files in, raw binary or JSON out. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON, run } from '../../../helpers/gdal';

const SCRIPTS = dirname(fileURLToPath(import.meta.url));

/** Runs ./<script> with the system Python; returns its stdout. */
export async function runPython(script: string, args: readonly (string | number)[]): Promise<string> {
  const { stdout } = await run(PYTHON, [join(SCRIPTS, script), ...args.map(String)], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Writes the arrays one after another as little-endian float32. */
export function writeFloat32(path: string, arrays: readonly Float32Array[]): void {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const all = new Float32Array(total);
  let offset = 0;
  for (const a of arrays) {
    all.set(a, offset);
    offset += a.length;
  }
  writeFileSync(path, new Uint8Array(all.buffer));
}

export function readFloat64(path: string): Float64Array {
  const bytes = readFileSync(path);
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function readUint8(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
