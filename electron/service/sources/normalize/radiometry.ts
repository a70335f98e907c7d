/**
 * Which scale/offset turns a band's DN into reflectance, decided per catalog and product
 * (providers.md §5). The decision is recorded on each item as `astra:radiometry` so jobs can
 * state what they applied.
 */
import type { UpstreamCatalog } from './item-origin';

export interface Radiometry {
  reflectance_scale: number;
  reflectance_offset: number;
  /** Why these values: the rule and the upstream facts it used. */
  basis: string;
}

/** USGS Collection 2 Level-2 scale factors (usgs.gov FAQ "How do I use a scale factor…"). */
export const LANDSAT_C2_SURFACE_REFLECTANCE = { scale: 0.0000275, offset: -0.2, nodata: 0 } as const;
export const LANDSAT_C2_SURFACE_TEMPERATURE = { scale: 0.00341802, offset: 149.0, nodata: 0, unit: 'kelvin' } as const;

export const LANDSAT_C2_RADIOMETRY: Radiometry = {
  reflectance_scale: LANDSAT_C2_SURFACE_REFLECTANCE.scale,
  reflectance_offset: LANDSAT_C2_SURFACE_REFLECTANCE.offset,
  basis: 'USGS Collection 2 Level-2 surface reflectance: DN * 0.0000275 - 0.2',
};

const S2_QUANTIFICATION_SCALE = 0.0001;
/** ESA BOA_ADD_OFFSET (-1000 DN) in reflectance units, present from processing baseline 04.00. */
const S2_BOA_OFFSET = -0.1;
const S2_OFFSET_BASELINE = '04.00';
/** PB 04.00 went operational on this date; used only when an item states no baseline. */
const S2_OFFSET_SINCE = '2022-01-25';

/** "5.9", "05.09", "N0509" → "05.09", so baselines compare correctly as strings. */
export function paddedBaseline(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const dotted = /^N?(\d{1,2})\.(\d{1,2})$/.exec(value.trim());
  if (dotted) return `${dotted[1].padStart(2, '0')}.${dotted[2].padStart(2, '0')}`;
  const compact = /^N?(\d{2})(\d{2})$/.exec(value.trim());
  return compact ? `${compact[1]}.${compact[2]}` : undefined;
}

export interface Sentinel2RadiometryFacts {
  catalog: UpstreamCatalog;
  collection: string;
  processingBaseline?: string;
  /** Earth Search `earthsearch:boa_offset_applied`. */
  boaOffsetApplied?: boolean;
  /** scale/offset the upstream declares on its reflectance bands, if any. */
  declared?: { scale: number; offset: number };
  datetime: string;
}

function byBaseline(facts: Sentinel2RadiometryFacts, prefix: string): Radiometry {
  const baseline = paddedBaseline(facts.processingBaseline);
  if (baseline) {
    const hasOffset = baseline >= S2_OFFSET_BASELINE;
    return {
      reflectance_scale: S2_QUANTIFICATION_SCALE,
      reflectance_offset: hasOffset ? S2_BOA_OFFSET : 0,
      basis: `${prefix}processing baseline ${baseline} ${hasOffset ? '>=' : '<'} ${S2_OFFSET_BASELINE}: ${hasOffset ? 'ESA BOA_ADD_OFFSET -1000 DN is in the pixels' : 'no BOA offset'}`,
    };
  }
  const hasOffset = facts.datetime.slice(0, 10) >= S2_OFFSET_SINCE;
  return {
    reflectance_scale: S2_QUANTIFICATION_SCALE,
    reflectance_offset: hasOffset ? S2_BOA_OFFSET : 0,
    basis: `${prefix}no processing baseline; sensed ${hasOffset ? 'on/after' : 'before'} ${S2_OFFSET_SINCE} (PB 04.00 operational)`,
  };
}

/** providers.md §5.2, one row per catalog. */
export function decideSentinel2Radiometry(facts: Sentinel2RadiometryFacts): Radiometry {
  if (facts.catalog === 'earth-search' && facts.collection === 'sentinel-2-c1-l2a') {
    if (facts.declared) {
      return {
        reflectance_scale: facts.declared.scale,
        reflectance_offset: facts.declared.offset,
        basis: 'Earth Search sentinel-2-c1-l2a: unaltered ESA DN, raster:bands as declared upstream',
      };
    }
    return byBaseline(facts, 'Earth Search sentinel-2-c1-l2a without raster:bands; ');
  }
  if (facts.catalog === 'earth-search') {
    if (facts.boaOffsetApplied === true) {
      return {
        reflectance_scale: S2_QUANTIFICATION_SCALE,
        reflectance_offset: 0,
        basis: 'Earth Search earthsearch:boa_offset_applied=true: offset already removed from the pixels',
      };
    }
    const flag = facts.boaOffsetApplied === false ? 'earthsearch:boa_offset_applied=false; ' : '';
    return byBaseline(facts, `Earth Search ${facts.collection}: ${flag}`);
  }
  return byBaseline(facts, 'raw ESA DN (catalog publishes no scale/offset); ');
}
