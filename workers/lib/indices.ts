/**
 * Named spectral indices as band-math expressions over STAC `eo:bands` common names, and the
 * data-driven binding of those names to a scene's assets. "nir" is the broad NIR band (Sentinel-2
 * B08); Landsat 8/9 has no band with that common name, only `nir08` (SR_B5), which stands in for it
 * through COMMON_NAME_FALLBACKS.
 */
export type IndexName = 'ndvi' | 'ndwi' | 'nbr' | 'evi' | 'savi';

export interface SpectralIndex {
  readonly name: IndexName;
  readonly title: string;
  readonly expression: string;
  /** Common names the expression reads (equal to variables(parseExpression(expression))). */
  readonly bands: readonly string[];
}

export const INDICES: Readonly<Record<IndexName, SpectralIndex>> = {
  ndvi: { name: 'ndvi', title: 'Normalized Difference Vegetation Index', expression: '(nir - red) / (nir + red)', bands: ['nir', 'red'] },
  ndwi: { name: 'ndwi', title: 'Normalized Difference Water Index (McFeeters)', expression: '(green - nir) / (green + nir)', bands: ['green', 'nir'] },
  nbr: { name: 'nbr', title: 'Normalized Burn Ratio', expression: '(nir - swir22) / (nir + swir22)', bands: ['nir', 'swir22'] },
  evi: { name: 'evi', title: 'Enhanced Vegetation Index', expression: '2.5 * (nir - red) / (nir + 6 * red - 7.5 * blue + 1)', bands: ['nir', 'red', 'blue'] },
  savi: { name: 'savi', title: 'Soil Adjusted Vegetation Index (L = 0.5)', expression: '(1.5 * (nir - red)) / (nir + red + 0.5)', bands: ['nir', 'red'] },
};

export function isIndexName(value: string): value is IndexName {
  return Object.hasOwn(INDICES, value);
}

/** When a scene has no band with the wanted common name, these common names stand in, in order. */
export const COMMON_NAME_FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  nir: ['nir08'],
};

/**
 * Supplied by the caller, who knows the scene: the asset key for an expression identifier, which
 * may be a common name (`red`) or an asset key (`B04`, `SR_B5`); undefined when the scene has none.
 */
export type BandLookup = (name: string) => string | undefined;

export interface BandBinding {
  /** Expression identifier → asset key to read for it. */
  readonly assets: Readonly<Record<string, string>>;
  /** Identifiers no asset could be found for. */
  readonly missing: readonly string[];
}

export function bindBands(
  names: readonly string[],
  lookup: BandLookup,
  fallbacks: Readonly<Record<string, readonly string[]>> = COMMON_NAME_FALLBACKS,
): BandBinding {
  const assets: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of names) {
    const candidates = [name, ...(Object.hasOwn(fallbacks, name) ? fallbacks[name] : [])];
    const asset = candidates.map(lookup).find((key) => key !== undefined);
    if (asset === undefined) missing.push(name);
    else assets[name] = asset;
  }
  return { assets, missing };
}
