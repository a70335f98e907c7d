/**
 * The service's one fetch for upstream requests (catalog searches, SAS tokens, COG bytes): the
 * guarded fetch (guarded-fetch.ts) under the data-host policy this configuration allows — the
 * configured catalog, SAS and blob-mirror origins, the hosts each source documents for its data
 * (kept in the source modules), and ASTRA_DATA_HOSTS.
 */
import type { ServiceConfig } from '../config';
import { SOURCE_DATA_HOSTS } from '../sources';
import { createDataHostPolicy, parseDataHostEntry, type DataHostRules } from './data-host-policy';
import { createGuardedFetch, type GuardedFetchOptions } from './guarded-fetch';

type UpstreamConfig = Pick<ServiceConfig, 'earthSearchUrl' | 'landsatLookUrl' | 'planetaryComputerUrl' | 'pcSasUrl' | 'pcBlobUrl' | 'dataHosts'>;

export function dataHostRules(config: UpstreamConfig): DataHostRules {
  const extra = config.dataHosts.map(parseDataHostEntry);
  const configured = [config.earthSearchUrl, config.landsatLookUrl, config.planetaryComputerUrl, config.pcSasUrl, config.pcBlobUrl];
  return {
    origins: [...configured.filter((url): url is string => Boolean(url)), ...extra.flatMap((e) => ('origin' in e ? [e.origin] : []))],
    hosts: [...SOURCE_DATA_HOSTS, ...extra.flatMap((e) => ('host' in e ? [e.host] : []))],
  };
}

export function createUpstreamFetch(config: UpstreamConfig, options: GuardedFetchOptions = {}): typeof fetch {
  return createGuardedFetch(createDataHostPolicy(dataHostRules(config)), options);
}
