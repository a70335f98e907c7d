/**
 * Chooses, for every ASTRA collection a graph loads, the remote collection it runs on: the one
 * pinned in the back-end's settings, or the best match among the back-end's `/collections`
 * (collection-match.ts) that has every band the graph loads from it. Only plausible candidates
 * are fetched in full. Anything unmappable → an error naming the collection or band.
 */
import type { BackendCatalog } from './backend-catalog';
import { astraCollectionProfile, type AstraCollectionProfile } from './astra-collections';
import { mayMatch, rankCollections, remoteCollectionInfo, unmappedBands, type RemoteCollectionInfo } from './collection-match';
import { forEachNode } from './graph-walk';
import { resolveBands, type ResolvedCollection } from './map-process-graph';
import { isRemoteOpenEoError, RemoteOpenEoError } from './remote-errors';
import type { ProcessGraph, RemoteBackend } from './types';

/** ASTRA collection id → the band names its `load_collection` nodes ask for. */
export function loadedCollections(graph: ProcessGraph): Map<string, Set<string>> {
  const loads = new Map<string, Set<string>>();
  forEachNode(graph, (node) => {
    if (node.process_id !== 'load_collection' || typeof node.arguments?.id !== 'string') return;
    const bands = loads.get(node.arguments.id) ?? new Set<string>();
    const asked = node.arguments.bands;
    if (Array.isArray(asked)) for (const band of asked) if (typeof band === 'string') bands.add(band);
    loads.set(node.arguments.id, bands);
  });
  return loads;
}

const describeLevel = (profile: AstraCollectionProfile) => `${profile.family === 'sentinel-2' ? 'Sentinel-2' : 'Landsat'} ${profile.level === 'L2' ? 'surface reflectance (L2)' : 'L1'}`;

function listIds(ids: string[]): string {
  return ids.length > 20 ? `${ids.slice(0, 20).join(', ')}, … (${ids.length} in all)` : ids.join(', ') || 'none';
}

export class CollectionResolver {
  constructor(private readonly catalog: BackendCatalog, private readonly backend: Pick<RemoteBackend, 'id' | 'collections'>) {}

  async resolve(graph: ProcessGraph, signal?: AbortSignal): Promise<Map<string, ResolvedCollection>> {
    const resolved = new Map<string, ResolvedCollection>();
    for (const [id, bands] of loadedCollections(graph)) {
      const profile = astraCollectionProfile(id, this.backend.id);
      const chosen = await this.choose(profile, [...bands], signal);
      resolved.set(id, resolveBands(profile, chosen));
    }
    return resolved;
  }

  private async describe(id: string, signal?: AbortSignal): Promise<RemoteCollectionInfo> {
    return remoteCollectionInfo(await this.catalog.collection(id, signal));
  }

  private async choose(profile: AstraCollectionProfile, needed: string[], signal?: AbortSignal): Promise<RemoteCollectionInfo> {
    const backendId = this.backend.id;
    const pinned = this.backend.collections[profile.id];
    if (pinned) {
      let info: RemoteCollectionInfo;
      try {
        info = await this.describe(pinned, signal);
      } catch (error) {
        if (isRemoteOpenEoError(error) && (error.httpStatus === 404 || error.remoteCode === 'CollectionNotFound')) {
          throw new RemoteOpenEoError('unmappable_collection', backendId, `collection ${pinned}, set for ${profile.id} in the settings of ${backendId}, is not offered by ${backendId}`);
        }
        throw error;
      }
      const missing = unmappedBands(profile, info, needed);
      if (missing.length) throw new RemoteOpenEoError('unmappable_band', backendId, `collection ${pinned} on ${backendId} (set for ${profile.id}) has no counterpart for band ${missing.join(', ')}`);
      return info;
    }
    const listed = (await this.catalog.collections(signal)).map(remoteCollectionInfo);
    const plausible = listed.filter((info) => mayMatch(info, profile));
    if (plausible.length === 0) {
      throw new RemoteOpenEoError('unmappable_collection', backendId, `no collection of ${backendId} matches ${profile.id} (${describeLevel(profile)}); it offers: ${listIds(listed.map((info) => info.id))}`);
    }
    const full = await Promise.all(plausible.map((info) => this.describe(info.id, signal)));
    const [best] = rankCollections(profile, full, needed);
    if (best) return best;
    const sameKind = full.filter((info) => mayMatch(info, profile));
    if (sameKind.length === 0) {
      throw new RemoteOpenEoError('unmappable_collection', backendId, `no collection of ${backendId} matches ${profile.id} (${describeLevel(profile)}); candidates by name: ${listIds(plausible.map((info) => info.id))}`);
    }
    const gaps = sameKind.map((info) => `${info.id} lacks ${unmappedBands(profile, info, needed).join(', ')}`).join('; ');
    throw new RemoteOpenEoError('unmappable_band', backendId, `no collection of ${backendId} for ${profile.id} has every band the job needs: ${gaps}`);
  }
}
