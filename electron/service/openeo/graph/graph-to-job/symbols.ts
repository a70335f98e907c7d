/**
 * What each node of a posted graph means to the local engine: the graph is evaluated symbolically
 * (no pixels), each node to one of these values, and the result node's value is then recognised
 * as an ASTRA job (recognise-job.ts). Pure.
 */
import type { ExpressionNode } from '../../../../../workers/lib/expression';
import type { TemporalReducer, TimeseriesPeriod } from '../../../jobs/area-job-types';
import type { LocalCollection } from '../local-collections';
import type { AreaGeometry, PointGeometry, SpatialSelection } from '../spatial-extent';
import type { TimeRange } from '../temporal-extent';
import { canonicalText } from '../expression-text';

/** Which scenes, where, when — the part of a cube load_collection and the filters decide. */
export interface Selection {
  collections: LocalCollection[];
  spatial: SpatialSelection | null;
  temporal: TimeRange | null;
  cloudCoverLt: number | null;
  /** A scene named by the `id` property filter (scoped id). */
  scene: string | null;
  /** Cloud mask applied (SCL / QA_PIXEL). */
  masked: boolean;
  /** HLS adjustment of Landsat bands: true / false, null where there is nothing to adjust. */
  hls: boolean | null;
}

/** The values of each observation: bands (null = every band), or one computed value. */
export type ObservationValue =
  | { kind: 'bands'; bands: string[] | null }
  | { kind: 'expression'; ast: ExpressionNode };

export interface Grid {
  crs: string | null;
  resolution: number | null;
}

export interface Observations {
  t: 'observations';
  sel: Selection;
  value: ObservationValue;
  grid: Grid | null;
}

/** A cube that is true where pixels are cloudy: ASTRA's SCL or QA_PIXEL mask of `sel`. */
export interface CloudMask {
  t: 'cloud-mask';
  sel: Selection;
  band: 'SCL' | 'QA_PIXEL';
}

/** reduce_dimension over t. */
export interface Reduced {
  t: 'reduced';
  of: Observations;
  reducer: TemporalReducer;
  label: string | null;
}

/** after − before (merge_cubes with a subtracting overlap resolver). */
export interface Difference {
  t: 'difference';
  after: Reduced;
  before: Reduced;
  label: string | null;
}

/** sgn(difference), |difference| ≤ threshold, and the class built from both. */
export interface ChangeSign { t: 'change-sign'; of: Difference }
export interface ChangeWithin { t: 'change-within'; of: Difference; threshold: number }
export interface ChangeClass { t: 'change-class'; of: Difference; threshold: number; label: string | null }

/** Single-band rasters stacked along `bands` by merge_cubes. */
export interface BandStack {
  t: 'band-stack';
  parts: Raster[];
}

export interface Periods {
  t: 'periods';
  of: Observations;
  period: TimeseriesPeriod;
  reducer: SeriesStatistic;
}

export type SeriesStatistic = 'mean' | 'median' | 'min' | 'max';

export interface Series {
  t: 'series';
  of: Observations | Periods;
  geometry: AreaGeometry | PointGeometry;
  reducer: SeriesStatistic;
}

export interface Saved {
  t: 'saved';
  of: Sym;
  format: 'GTiff' | 'JSON' | 'CSV';
}

export type Raster = Observations | Reduced | Difference | ChangeClass | BandStack;
export type Sym = Raster | CloudMask | ChangeSign | ChangeWithin | Periods | Series | Saved;

export const SYM_NAMES: Readonly<Record<Sym['t'], string>> = {
  observations: 'a cube of observations',
  'cloud-mask': 'a cloud mask',
  reduced: 'a cube reduced over time',
  difference: 'a difference of two cubes',
  'change-sign': 'the sign of a difference',
  'change-within': 'a |difference| ≤ threshold test',
  'change-class': 'a change class',
  'band-stack': 'a stack of bands',
  periods: 'a cube aggregated per period',
  series: 'a time series',
  saved: 'a saved result',
};

/** A stable text of a symbolic value for equality checks (expressions compared as canonical text). */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === 'collections' && Array.isArray(v)) return (v as LocalCollection[]).map((c) => c.id);
    if (typeof v === 'object' && v !== null && 'kind' in v && (v as { kind: unknown }).kind === 'expression' && 'ast' in v) {
      return { kind: 'expression', text: canonicalText((v as { ast: ExpressionNode }).ast) };
    }
    return v;
  });
}
