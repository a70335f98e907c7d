/**
 * What a remote back-end offers, read once per session: capabilities, every collection (full
 * STAC documents fetched on demand), every process id, the output file formats. Listings follow
 * `links rel=next` through all pages: js-client's listProcesses()/listCollections() read only the
 * first page, its paginators (used here) go on.
 */
import type { Connection } from '@openeo/js-client';
import type { RemoteSession } from './remote-session';

export interface BackendCapabilities {
  api_version: string;
  backend_version: string | null;
  title: string | null;
  /** The back-end lists `GET /jobs/{id}/estimate`. */
  estimates: boolean;
  /** The back-end lists `GET /jobs/{id}/logs`. */
  logs: boolean;
}

export type StacCollection = Record<string, unknown> & { id: string };

async function allPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

export class BackendCatalog {
  private collectionList: Promise<StacCollection[]> | undefined;
  private readonly described = new Map<string, Promise<StacCollection>>();
  private processList: Promise<Set<string>> | undefined;
  private formats: Promise<Set<string>> | undefined;

  constructor(private readonly session: RemoteSession) {}

  capabilities(): BackendCapabilities {
    const capabilities = this.session.connection.capabilities();
    return {
      api_version: capabilities.apiVersion(),
      backend_version: capabilities.backendVersion() || null,
      title: capabilities.title() || null,
      estimates: capabilities.hasFeature('estimateJob'),
      logs: capabilities.hasFeature('debugJob'),
    };
  }

  /** `GET /collections`, all pages (the short form: summaries may be missing). */
  collections(signal?: AbortSignal): Promise<StacCollection[]> {
    this.collectionList ??= this.session.call('listing the collections', (con: Connection) => allPages<StacCollection>(con.paginateCollections(null) as AsyncIterable<StacCollection[]>), signal);
    this.collectionList.catch(() => { this.collectionList = undefined; });
    return this.collectionList;
  }

  /** `GET /collections/{id}`: the full document (summaries, eo:bands, cube:dimensions). */
  collection(id: string, signal?: AbortSignal): Promise<StacCollection> {
    let found = this.described.get(id);
    if (!found) {
      found = this.session.call(`reading collection ${id}`, (con: Connection) => con.describeCollection(encodeURIComponent(id)) as Promise<StacCollection>, signal);
      this.described.set(id, found);
      found.catch(() => this.described.delete(id));
    }
    return found;
  }

  /** Ids of the back-end's predefined processes (`GET /processes`, all pages). */
  processIds(signal?: AbortSignal): Promise<Set<string>> {
    this.processList ??= this.session.call('listing the processes', async (con: Connection) => {
      const processes = await allPages<{ id?: unknown }>(con.paginateProcesses(null) as AsyncIterable<Array<{ id?: unknown }>>);
      return new Set(processes.map((process) => process.id).filter((id): id is string => typeof id === 'string'));
    }, signal);
    this.processList.catch(() => { this.processList = undefined; });
    return this.processList;
  }

  /** Output format names (`GET /file_formats`), lower-cased: openEO compares them case-insensitively. */
  outputFormats(signal?: AbortSignal): Promise<Set<string>> {
    this.formats ??= this.session.call('listing the file formats', async (con: Connection) => {
      const types = await con.listFileTypes();
      return new Set(Object.keys(types.getOutputTypes()).map((name) => name.toLowerCase()));
    }, signal);
    this.formats.catch(() => { this.formats = undefined; });
    return this.formats;
  }
}
