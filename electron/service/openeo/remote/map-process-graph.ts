/**
 * Renames a process graph from ASTRA's names to one back-end's: `load_collection` ids
 * (`sentinel-2.sentinel-2-l2a` → e.g. `SENTINEL2_L2A`) and every band name in the places openEO
 * graphs carry them — `load_collection` and `filter_bands` `bands`, `array_element` `label`,
 * `ndvi` `nir`/`red`, `rename_labels` `source` on the bands dimension — using the collections
 * already chosen (collection-resolver.ts). A label that is no ASTRA band name (a band the graph
 * made, like "difference") stays. Pure.
 */
import { RemoteOpenEoError } from './remote-errors';
import { rewriteGraph } from './graph-walk';
import { matchBand } from './band-match';
import { bandTableFor, type RemoteCollectionInfo } from './collection-match';
import { astraBandNames, astraBandSpec, type AstraCollectionProfile } from './astra-collections';
import type { NameMapping, ProcessGraph, ProcessGraphNode } from './types';

export interface ResolvedCollection {
  astra: AstraCollectionProfile;
  remote: RemoteCollectionInfo;
  /** ASTRA band name (asset or common name) → remote band name, for every band of ASTRA's table the collection has. */
  bands: Map<string, string>;
  /** Every band name of ASTRA's table for this collection (asset and common names), mapped or not. */
  known: Set<string>;
}

export function resolveBands(astra: AstraCollectionProfile, remote: RemoteCollectionInfo): ResolvedCollection {
  const table = bandTableFor(astra, remote);
  const bands = new Map<string, string>();
  const known = astraBandNames(table);
  for (const name of known) {
    const match = matchBand(astraBandSpec(table, name)!, remote.bands);
    if (match) bands.set(name, match.name);
  }
  return { astra, remote, bands, known: new Set(known) };
}

function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value as string[] : undefined;
}

export function renameForBackend(graph: ProcessGraph, resolved: ReadonlyMap<string, ResolvedCollection>, backendId: string): { graph: ProcessGraph; mapping: NameMapping } {
  const usedBands = new Map<string, { collection: string; astra: string; remote: string }>();
  const record = (collection: ResolvedCollection, astra: string, remote: string) => usedBands.set(`${collection.remote.id}\u0000${astra}`, { collection: collection.remote.id, astra, remote });

  const unmappable = (collection: ResolvedCollection, band: string): RemoteOpenEoError => new RemoteOpenEoError('unmappable_band', backendId,
    `band ${band} of ${collection.astra.id} has no counterpart in collection ${collection.remote.id} on ${backendId} (its bands: ${collection.remote.bands.map((b) => b.name).join(', ') || 'none listed'})`);

  const inCollection = (collection: ResolvedCollection, band: string): string => {
    if (!collection.known.has(band)) {
      throw new RemoteOpenEoError('unmappable_band', backendId, `band ${band} is not a band of ${collection.astra.id} (ASTRA names: ${[...collection.known].join(', ')})`);
    }
    const remote = collection.bands.get(band);
    if (!remote) throw unmappable(collection, band);
    record(collection, band, remote);
    return remote;
  };

  const anywhere = (band: string): string => {
    const owners = [...resolved.values()].filter((collection) => collection.known.has(band));
    if (owners.length === 0) return band;
    const names = new Set<string>();
    for (const owner of owners) {
      const remote = owner.bands.get(band);
      if (!remote) throw unmappable(owner, band);
      names.add(remote);
      record(owner, band, remote);
    }
    if (names.size > 1) throw new RemoteOpenEoError('unmappable_band', backendId, `band ${band} is called ${[...names].join(' and ')} in the collections loaded from ${backendId}; the graph cannot say which`);
    return [...names][0];
  };

  const renameList = (value: unknown, rename: (band: string) => string): unknown => {
    const list = strings(value);
    if (!list) return value;
    const renamed = list.map(rename);
    return typeof value === 'string' ? renamed[0] : renamed;
  };

  const rewrite = (node: ProcessGraphNode): ProcessGraphNode => {
    const args = { ...node.arguments };
    switch (node.process_id) {
      case 'load_collection': {
        if (typeof args.id !== 'string') throw new RemoteOpenEoError('unmappable_collection', backendId, 'a load_collection names its collection through a parameter; remote runs need a collection id');
        const collection = resolved.get(args.id);
        if (!collection) throw new RemoteOpenEoError('unmappable_collection', backendId, `collection ${args.id} was not resolved for ${backendId}`);
        args.id = collection.remote.id;
        if (args.bands !== undefined && args.bands !== null) args.bands = renameList(args.bands, (band) => inCollection(collection, band));
        break;
      }
      case 'filter_bands': args.bands = renameList(args.bands, anywhere); break;
      case 'array_element': if (typeof args.label === 'string') args.label = anywhere(args.label); break;
      case 'ndvi':
        if (typeof args.nir === 'string') args.nir = anywhere(args.nir);
        if (typeof args.red === 'string') args.red = anywhere(args.red);
        break;
      case 'rename_labels': if (args.dimension === 'bands') args.source = renameList(args.source, anywhere); break;
      default: return node;
    }
    return { ...node, arguments: args };
  };

  const renamed = rewriteGraph(graph, rewrite);
  return {
    graph: renamed,
    mapping: {
      collections: [...resolved.values()].map((collection) => ({ astra: collection.astra.id, remote: collection.remote.id })),
      bands: [...usedBands.values()],
    },
  };
}
