/**
 * POST /api/v1/jobs bodies of the area-analysis kinds (issue 15) — `composite`, the period form of
 * `change`, `timeseries` — and their results, exactly as the lead decided them (spec 15). The one
 * place these shapes live: the engine, the UI, the openEO translation (../openeo/graph/) and the
 * remote offload import them from here. The single-scene bodies (`ndvi`, `index`, scene-pair
 * `change`) are in ./types.ts; `JobRequest` below is the union of all of them.
 */
import type { Bbox, Geometry, SourceId } from '../stac/types';
import type { IndexJobRequest, NdviJobRequest, SceneChangeJobRequest } from './types';

export type { Bbox, SourceId };

export type GeoJsonPolygon = Extract<Geometry, { type: 'Polygon' }>;
export type GeoJsonMultiPolygon = Extract<Geometry, { type: 'MultiPolygon' }>;

/** WGS84 lon/lat; a bbox with minLon > maxLon crosses the antimeridian. */
export type AreaOfInterest = Bbox | GeoJsonPolygon | GeoJsonMultiPolygon;

/** RFC 3339 interval "2024-06-01/2024-08-31" (bare dates allowed); both ends required, no "..". */
export type Period = string;

export type IndexName = 'ndvi' | 'ndwi' | 'nbr' | 'evi' | 'savi';

export type TemporalReducer = 'median' | 'mean' | 'min' | 'max' | 'first' | 'last' | 'count';

/** `max_ndvi`: greenest pixel, all output bands from the observation with the highest NDVI. */
export type CompositeReducer = TemporalReducer | 'max_ndvi';

export type TimeseriesPeriod = 'day' | 'week' | 'month';

/** Where a job runs: "local" (default) or the id of a configured remote openEO back-end (issue 16). */
export type RunOn = string;

export interface AreaSelection {
  aoi: AreaOfInterest;
  datetime: Period;
  /** Default: all three. */
  sources?: SourceId[];
  /** Upstream collection ids, as /search takes them (bare or `<source>:<collection>`). */
  collections?: string[];
  /** 0–100, scene-level filter (eo:cloud_cover). */
  cloud_cover_lt?: number;
  /** Default true: SCL / QA_PIXEL masks per pixel. */
  mask_clouds?: boolean;
  /** Landsat 8/9 OLI → Sentinel-2 MSI bandpass adjustment. */
  harmonize?: 'hls';
  /** "EPSG:32633"; default: the UTM zone of the area's centre. */
  crs?: string;
  /** Metres (degrees for a geographic CRS); default: the finest band used. */
  resolution?: number;
}

/** Exactly one of `bands`, `index` or `expression` chooses what is computed per observation. */
export interface CompositeJobRequest extends AreaSelection {
  type: 'composite';
  bands?: string[];
  index?: IndexName;
  expression?: string;
  reducer: CompositeReducer;
  /** Adds a band with the per-pixel count of valid observations. */
  valid_count?: boolean;
  on?: RunOn;
}

/** The scene-pair form `{type: 'change', before: id, after: id}` is SceneChangeJobRequest (./types.ts). */
export interface PeriodChangeJobRequest {
  type: 'change';
  before: { datetime: Period };
  after: { datetime: Period };
  aoi: AreaOfInterest;
  /** Default index 'ndvi'. */
  index?: IndexName;
  expression?: string;
  /** Default 'median'. */
  reducer?: TemporalReducer;
  /** Default 0.2. */
  threshold?: number;
  sources?: SourceId[];
  collections?: string[];
  cloud_cover_lt?: number;
  mask_clouds?: boolean;
  harmonize?: 'hls';
  crs?: string;
  resolution?: number;
  on?: RunOn;
}

export interface TimeseriesJobRequest {
  type: 'timeseries';
  /** A point [lon, lat], a bbox or a polygon. */
  aoi: [number, number] | AreaOfInterest;
  datetime: Period;
  bands?: string[];
  index?: IndexName;
  expression?: string;
  /** Default 'day' = one entry per acquisition (solar) day. */
  period?: TimeseriesPeriod;
  sources?: SourceId[];
  collections?: string[];
  cloud_cover_lt?: number;
  mask_clouds?: boolean;
  harmonize?: 'hls';
  crs?: string;
  resolution?: number;
  on?: RunOn;
}

export type AreaJobRequest = CompositeJobRequest | PeriodChangeJobRequest | TimeseriesJobRequest;

/** Every POST /api/v1/jobs body of a processing kind, single-scene and area. */
export type JobRequest = NdviJobRequest | IndexJobRequest | SceneChangeJobRequest | AreaJobRequest;

/** GET /api/v1/jobs/{id}/result.json of a timeseries job. */
export interface TimeseriesResult {
  aoi: TimeseriesJobRequest['aoi'];
  datetime: Period;
  period: TimeseriesPeriod;
  /** Index name, "value" for an expression, or a band name. */
  variable: string;
  /** One per acquisition day (per platform) or period, per variable (bands → one entry per band). */
  entries: TimeseriesEntry[];
}

export interface TimeseriesEntry {
  /** The observation's (first scene's) datetime, or the period start. */
  datetime: string;
  period?: { label: string; start: string; end: string };
  source: SourceId;
  /** e.g. 'sentinel-2a', 'landsat-9'. */
  platform: string;
  scenes: string[];
  variable: string;
  mean: number | null;
  median: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  p10: number | null;
  p90: number | null;
  valid_pixels: number;
  /** Masked-by-cloud pixels / area pixels with data. */
  cloud_fraction: number | null;
}

/** The statistics a timeseries entry carries (in result.csv column order). */
export const TIMESERIES_STATISTICS = ['mean', 'median', 'std', 'min', 'max', 'p10', 'p90', 'valid_pixels', 'cloud_fraction'] as const;
export type TimeseriesStatistic = (typeof TIMESERIES_STATISTICS)[number];

/** What a job kind's preview knows about a job run here (JobKind.preview). */
export interface LocalJobPreview {
  type: string;
  scenes: string[];
  observations: number;
  grid?: { crs: string; width: number; height: number; resolution: number };
  estimate: { output_pixels: number; input_bytes: number | null; local_seconds: number | null };
}

/** Whether a job is better run on a remote openEO back-end (issue 16), and which ones it could run on. */
export interface RemoteAdvice {
  /** True when the local estimate passes a threshold (api.md "Remote openEO back-ends"). */
  suggest_remote: boolean;
  /** One line per threshold passed. */
  suggest_remote_reasons: string[];
  /** The back-ends signed in to that can run it. */
  remote_backends: string[];
}

/** POST /api/v1/jobs/preview → 200. */
export interface JobPreview extends LocalJobPreview, RemoteAdvice {}
