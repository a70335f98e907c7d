/** One colour per source, shared by footprints, grid cells, list chips and the legend. */
import type { SourceId, StacItem } from '../../../../electron/service/api/contract';

export const SOURCE_ORDER: readonly SourceId[] = ['sentinel-2', 'landsat', 'planetary-computer'];

/** [r, g, b] per source index; the last entry is for anything unknown. */
export const SOURCE_RGB: ReadonlyArray<readonly [number, number, number]> = [
  [37, 99, 235],
  [217, 119, 6],
  [147, 51, 234],
  [100, 116, 139],
];

export const SOURCE_LABEL: Record<SourceId, string> = {
  'sentinel-2': 'Sentinel-2',
  landsat: 'Landsat',
  'planetary-computer': 'Planetary Computer',
};

export function sourceIndex(source: string): number {
  const i = SOURCE_ORDER.indexOf(source as SourceId);
  return i < 0 ? SOURCE_RGB.length - 1 : i;
}

export function sourceOf(item: Pick<StacItem, 'id' | 'properties'>): string {
  return (item.properties?.['astra:source'] as string | undefined) ?? item.id.slice(0, item.id.indexOf(':'));
}

export function rgba(index: number, alpha: number): string {
  const [r, g, b] = SOURCE_RGB[index] ?? SOURCE_RGB[SOURCE_RGB.length - 1];
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export function sourceColour(source: string, alpha = 1): string {
  return rgba(sourceIndex(source), alpha);
}
