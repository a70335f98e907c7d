/**
 * The job fields a symbolic cube stands for: what is computed (bands, index or expression), the
 * area selection (sources/collections, cloud filter, mask, HLS, grid), the area and the period.
 * Shape errors are FeatureUnsupported naming what the local engine would need. Pure.
 */
import type { AreaOfInterest, IndexName, SourceId } from '../../../jobs/area-job-types';
import { describeCollections } from '../job-request/collection-routing';
import { expressionChoice } from '../job-request/value-choice';
import { featureUnsupported as unsupported } from '../openeo-error';
import { formatPeriod } from '../temporal-extent';
import type { Grid, ObservationValue, Observations } from './symbols';

export type ValueFields = { bands: string[] } | { index: IndexName } | { expression: string };

export interface AreaSelectionFields {
  sources: SourceId[];
  collections?: string[];
  cloud_cover_lt?: number;
  mask_clouds: boolean;
  harmonize?: 'hls';
  crs?: string;
  resolution?: number;
}

export function valueFields(value: ObservationValue, allowBands: boolean): ValueFields {
  if (value.kind === 'expression') {
    const choice = expressionChoice(value.ast);
    return choice.kind === 'index' ? { index: choice.index } : { expression: (choice as { expression: string }).expression };
  }
  if (!allowBands) throw unsupported('the result is bands, but this kind of job computes an index or band math (ndvi, normalized_difference or reduce_dimension over bands)');
  if (!value.bands) throw unsupported('the result would hold every band of the collection; load or filter the bands wanted');
  const mask = value.bands.find((band) => band === 'SCL' || band === 'QA_PIXEL');
  if (mask) throw unsupported(`the result would include the cloud mask band ${mask}; filter_bands to the bands wanted`);
  const odd = value.bands.find((band) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(band));
  if (odd !== undefined) throw unsupported(`band '${odd}' cannot be named in an ASTRA job (letters, digits and _ only)`);
  return { bands: value.bands };
}

export function gridFields(grid: Grid | null): { crs?: string; resolution?: number } {
  return { ...(grid?.crs ? { crs: grid.crs } : {}), ...(grid?.resolution ? { resolution: grid.resolution } : {}) };
}

export function areaSelectionFields(obs: Observations): AreaSelectionFields {
  const { sel } = obs;
  return {
    ...describeCollections(sel.collections),
    ...(sel.cloudCoverLt !== null ? { cloud_cover_lt: sel.cloudCoverLt } : {}),
    mask_clouds: sel.masked,
    ...(sel.hls === true ? { harmonize: 'hls' as const } : {}),
    ...gridFields(obs.grid),
  };
}

export function areaOf(obs: Observations): AreaOfInterest {
  const { spatial } = obs.sel;
  if (!spatial) throw unsupported('load_collection has no spatial_extent; the local back-end computes over an area: give a bounding box or a polygon');
  return spatial.kind === 'bbox' ? spatial.bbox : spatial.geometry;
}

export function periodOf(obs: Observations): string {
  if (!obs.sel.temporal) throw unsupported('load_collection has no temporal_extent; the local back-end computes over a period: give [start, end]');
  return formatPeriod(obs.sel.temporal);
}
