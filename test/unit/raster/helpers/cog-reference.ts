/** Runs cog_reference.py on a COG written from a synthetic raster (see that script). */
import { writeRawRaster, type SyntheticRaster } from './synthetic-raster';
import { runPythonHelper } from './gdal-tools';

export interface ReferenceReport {
  /** validate_cloud_optimized_geotiff with --full-check=yes. */
  validation: { warnings: string[]; errors: string[] };
  bands: {
    fullResMismatches: number;
    overviews: { size: [number, number]; numpyMismatches: number; gdalMismatches: number; validPixels: number }[];
    statistics: { min: number; max: number; mean: number; stdDev: number; validCount: number };
  }[];
}

export async function referenceReport(path: string, raster: SyntheticRaster, resampling: readonly string[]): Promise<ReferenceReport> {
  const raw = `${path}.raw`;
  await writeRawRaster(raster, raw);
  const nodata = raster.nodata === undefined ? 'none' : Number.isNaN(raster.nodata) ? 'nan' : String(raster.nodata);
  return runPythonHelper<ReferenceReport>('cog_reference.py', [
    path, raw, String(raster.width), String(raster.height), String(raster.bands.length), raster.dataType, nodata, resampling.join(','),
  ]);
}
