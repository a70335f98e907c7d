/**
 * Streaming Cloud-Optimized GeoTIFF files for processing jobs: the file side (spool files,
 * assembly, data sync; create-cog-writer.ts). Every byte of the file — tiles, predictor, deflate,
 * overviews, IFDs, layout — is made by the pure COG encoding in workers/lib/cog/.
 */
export { createCogWriter } from './create-cog-writer';
export { cogWriteFootprint, type CogWriteFootprint } from '../../../../workers/lib/cog/disk-footprint';
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
