/**
 * Which remote collection stands for an ASTRA collection, judged from the back-end's own
 * `/collections` metadata: the same mission family (summaries `platform` / `constellation`, else
 * the id and title), the same processing level (`L2A`, `TOC`, `Level 2`, … in the id or title,
 * or `processing:level`), and every band the graph needs mappable (band-match.ts). Pure.
 */
import type { BandSpec } from '../../sources/normalize/band-spec';
import { astraBandSpec, astraBandTable, familyOf, levelOf, type AstraCollectionProfile, type MissionFamily, type ProcessingLevel } from './astra-collections';
import { matchBand, type RemoteBand } from './band-match';

export interface RemoteCollectionInfo {
  id: string;
  title: string | null;
  platforms: string[];
  family: MissionFamily | null;
  /** Whether the family came from `platform`/`constellation` summaries rather than the id or title. */
  familyFromSummaries: boolean;
  level: ProcessingLevel | null;
  bands: RemoteBand[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function remoteBands(doc: Record<string, unknown>): RemoteBand[] {
  const summaries = isRecord(doc.summaries) ? doc.summaries : {};
  const described = [summaries['eo:bands'], summaries.bands, doc.bands].find((value) => Array.isArray(value) && value.length > 0) as unknown[] | undefined;
  if (described) {
    return described.filter(isRecord).filter((band) => typeof band.name === 'string').map((band) => ({
      name: band.name as string,
      ...(typeof band.common_name === 'string' ? { common_name: band.common_name } : typeof band['eo:common_name'] === 'string' ? { common_name: band['eo:common_name'] as string } : {}),
      ...(typeof band.center_wavelength === 'number' ? { center_wavelength: band.center_wavelength } : typeof band['eo:center_wavelength'] === 'number' ? { center_wavelength: band['eo:center_wavelength'] as number } : {}),
      ...(Array.isArray(band.roles) ? { roles: strings(band.roles) } : {}),
      ...(typeof band.description === 'string' ? { description: band.description } : {}),
    }));
  }
  const dimensions = isRecord(doc['cube:dimensions']) ? Object.values(doc['cube:dimensions']).filter(isRecord) : [];
  const bandDimension = dimensions.find((dimension) => dimension.type === 'bands');
  return strings(bandDimension?.values).map((name) => ({ name }));
}

function familyOfPlatforms(platforms: string[]): MissionFamily | null {
  const families = new Set(platforms.map((platform) => familyOf(platform)).filter((family): family is MissionFamily => family !== null));
  return families.size === 1 ? [...families][0] : null;
}

/** The facts about a remote collection document (the short `/collections` form or the full one). */
export function remoteCollectionInfo(doc: Record<string, unknown> & { id: string }): RemoteCollectionInfo {
  const summaries = isRecord(doc.summaries) ? doc.summaries : {};
  const title = typeof doc.title === 'string' ? doc.title : null;
  const platforms = [...strings(summaries.platform), ...strings(summaries.constellation)];
  const fromSummaries = familyOfPlatforms(platforms);
  const level = levelOf(doc.id) ?? (title ? levelOf(title) : null) ?? levelOf(strings(summaries['processing:level']).join(' '));
  return {
    id: doc.id, title, platforms: strings(summaries.platform), family: fromSummaries ?? familyOf(`${doc.id} ${title ?? ''}`),
    familyFromSummaries: fromSummaries !== null, level, bands: remoteBands(doc),
  };
}

/** Worth fetching in full: the short form already names the family (or gives no hint to rule it out). */
export function mayMatch(info: RemoteCollectionInfo, profile: AstraCollectionProfile): boolean {
  return info.family === profile.family && (info.level === null || info.level === profile.level);
}

/** The ASTRA bands of `needed` that the remote collection cannot provide. */
export function unmappedBands(profile: AstraCollectionProfile, info: RemoteCollectionInfo, needed: readonly string[]): string[] {
  const table = astraBandTable(profile.family, info.platforms);
  return needed.filter((name) => {
    const spec = astraBandSpec(table, name);
    return !spec || !matchBand(spec, info.bands);
  });
}

/** The ASTRA band table for a chosen remote collection (platform decides Landsat OLI vs TM numbering). */
export function bandTableFor(profile: AstraCollectionProfile, info: RemoteCollectionInfo): readonly BandSpec[] {
  return astraBandTable(profile.family, info.platforms);
}

/**
 * Full documents of candidates → those that fit, best first: same family and level, every needed
 * band mapped; an explicit level and platform summaries rank higher; ties keep the back-end's order.
 */
export function rankCollections(profile: AstraCollectionProfile, candidates: readonly RemoteCollectionInfo[], needed: readonly string[]): RemoteCollectionInfo[] {
  const score = (info: RemoteCollectionInfo): number => (info.level === profile.level ? 2 : 0) + (info.familyFromSummaries ? 1 : 0);
  return candidates
    .map((info, order) => ({ info, order }))
    .filter(({ info }) => mayMatch(info, profile) && unmappedBands(profile, info, needed).length === 0)
    .sort((a, b) => score(b.info) - score(a.info) || a.order - b.order)
    .map(({ info }) => info);
}
