/**
 * An area job's plan: everything decided at validation — the scenes and how each is read (bands
 * bound to variables, radiometry, HLS adjustment, cloud mask, COG level), the observations they
 * form, the output grid and the area's outline on it, what is computed and reduced — stored as
 * the job's params with the canonical request, so a resumed job computes exactly the same tiles
 * and the result's STAC item can say how it was made. Plain JSON.
 */
import type { HarmonizationRecord } from '../../../../../workers/lib/cube/hls-harmonize';
import type { Period } from '../../../../../workers/lib/cube/periods';
import type { RasterGrid } from '../../../../../workers/lib/raster-types';
import type { AreaValues, BandAdjustment, CompositeReducer } from '../../../../../workers/protocol/area-tasks';
import type { AreaJobRequest, TimeseriesPeriod } from '../../../jobs/area-job-types';
import type { Bbox, SourceId } from '../../../stac/types';
import type { Extent } from '../../grid/footprint';
import type { OutputBand, PlannedBand, PlannedMask } from '../../plan/processing-plan';

export const AREA_PLAN_VERSION = 1;

export interface PlannedAreaBand extends PlannedBand {
  /** HLS bandpass adjustment applied after scale/offset; null = none. */
  adjust: BandAdjustment | null;
}

export interface PlannedAreaScene {
  id: string;
  source: SourceId;
  /** Normalised STAC platform (`sentinel-2a`, `landsat-9`). */
  platform: string;
  datetime: string;
  collection: string | null;
  /** By variable name. */
  bands: Record<string, PlannedAreaBand>;
  mask: PlannedMask | null;
  mask_note: string;
  /** Where its rasters lie, in the output grid's CRS: tiles outside it never read the scene. */
  extent: Extent;
}

/** One platform's pass on one solar day: scenes (ids) in mosaic order. */
export interface PlannedObservation {
  /** The solar day, YYYY-MM-DD. */
  label: string;
  platform: string;
  source: SourceId;
  /** Of its earliest scene. */
  datetime: string;
  scenes: string[];
}

/** One time-series entry's observations (indices into `observations`). */
export interface PlannedSeriesEntry {
  observations: number[];
  datetime: string;
  source: SourceId;
  platform: string;
  period: Pick<Period, 'label' | 'start' | 'end'> | null;
}

export interface AreaPlan {
  v: typeof AREA_PLAN_VERSION;
  family: 'area';
  kind: AreaJobRequest['type'];
  grid: RasterGrid;
  epsg: number;
  resolution: number;
  /** WGS84 footprint of `grid`. */
  bbox: Bbox;
  /** The area as polygons of rings of [x, y] in the grid's CRS (a point: its pixel). */
  outline: number[][][][];
  values: AreaValues;
  /** Composite: the reducer; change: each period's; time series: how a period's observations are reduced. */
  reducer: CompositeReducer;
  valid_count: boolean;
  threshold: number | null;
  period: TimeseriesPeriod | null;
  mask_clouds: boolean;
  harmonize: 'hls' | null;
  /** What the HLS adjustment did, per platform (for the STAC item). */
  harmonization: HarmonizationRecord[];
  scenes: PlannedAreaScene[];
  /** In time order; for change, the before period's then the after period's. */
  observations: PlannedObservation[];
  /** Change: how many of `observations` belong to the before period. */
  before_observations: number | null;
  /** Time series: the entries, in order. */
  series: PlannedSeriesEntry[] | null;
  bands: OutputBand[];
  /** Rows of a tile computed at once (the median stack's memory bound). */
  strip_rows: number;
}

/** The params an area job is stored with. */
export interface AreaParams extends Record<string, unknown> {
  request: AreaJobRequest;
  plan: AreaPlan;
}

export function isAreaParams(value: unknown): value is AreaParams {
  const v = value as Partial<AreaParams> | null;
  return !!v && typeof v.request === 'object' && typeof v.plan === 'object' && v.plan !== null && (v.plan as AreaPlan).family === 'area';
}
