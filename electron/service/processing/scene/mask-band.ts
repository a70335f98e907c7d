/**
 * The cloud mask a scene offers (providers.md §5.3–5.4): Sentinel-2 `SCL` (invalid classes
 * 0, 1, 3, 8, 9, 10; nearest from 20 m) or Landsat C2 `QA_PIXEL` (bits 0–4: fill, dilated cloud,
 * cirrus, cloud, shadow). Pure.
 */
import { isCogAsset } from '../../assets/select-asset';
import type { StacItem } from '../../stac/types';
import { DEFAULT_SCL_INVALID_CLASSES, LANDSAT_QA_INVALID_BITS } from '../../../../workers/lib/masks';
import type { MaskKind } from '../../../../workers/protocol/scene-recipe';

export interface MaskChoice {
  kind: MaskKind;
  asset: string;
  invalid_classes?: number[];
  invalid_bits?: number;
  /** Human-readable rule, recorded in provenance. */
  rule: string;
}

const CANDIDATES: Array<{ key: string; choice: Omit<MaskChoice, 'asset'> }> = [
  {
    key: 'scl',
    choice: {
      kind: 'scl',
      invalid_classes: [...DEFAULT_SCL_INVALID_CLASSES],
      rule: `Sentinel-2 SCL classes ${DEFAULT_SCL_INVALID_CLASSES.join(', ')} (no data, saturated/defective, cloud shadow, cloud medium/high probability, thin cirrus) are invalid; SCL sampled nearest`,
    },
  },
  {
    key: 'qa_pixel',
    choice: {
      kind: 'landsat-qa',
      invalid_bits: LANDSAT_QA_INVALID_BITS,
      rule: 'Landsat C2 QA_PIXEL bits 0-4 (fill, dilated cloud, cirrus, cloud, cloud shadow): any set is invalid; sampled nearest',
    },
  },
];

/** The scene's cloud-mask band, or null when it has none. */
export function maskBandOf(item: StacItem): MaskChoice | null {
  for (const { key, choice } of CANDIDATES) {
    const assetKey = Object.keys(item.assets).find((k) => k.toLowerCase() === key && isCogAsset(k, item.assets[k]));
    if (assetKey) return { ...choice, asset: assetKey };
  }
  return null;
}
