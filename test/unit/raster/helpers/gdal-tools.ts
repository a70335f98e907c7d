/** GDAL as the independent reference: gdalinfo, the COG validator, and Python scripts with osgeo + numpy. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON, run } from '../../../helpers/gdal';

const HELPERS = fileURLToPath(new URL('.', import.meta.url));

export { epsgOf, gdalinfo, validateCog, type CogValidation, type GdalInfo } from '../../../helpers/gdal';

/** Runs one of the Python helpers beside this file; it prints one JSON document. */
export async function runPythonHelper<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await run(PYTHON, [join(HELPERS, script), ...args], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as T;
}
