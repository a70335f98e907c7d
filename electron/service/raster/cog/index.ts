/**
 * Streaming Cloud-Optimized GeoTIFF output for processing jobs. See create-cog-writer.ts; the
 * tile encoder that can run in a worker is workers/lib/cog/encode-tile.ts.
 */
export { createCogWriter } from './create-cog-writer';
export { cogWriteFootprint, type CogWriteFootprint } from './disk-footprint';
export type {
  BandStatistics,
  BigTiffMode,
  CogDataType,
  CogSamples,
  CogWriteResult,
  CogWriter,
  CogWriterOptions,
  EncodeTileHook,
  EncodeTileTask,
  GeoTransform,
  OverviewResampling,
} from './types';
