/**
 * Set-up shared by the remote-offload tests: a back-end entry for the fake openEO back-end with
 * its secrets in a real 0600 secret file, ASTRA-named process graphs (what the job translation
 * hands the remote client), and a poll "sleep" that drives the fake's job one step per poll
 * instead of waiting on a clock.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileSecretStore, type FileSecretStore } from '../../../../electron/service/openeo/remote/file-secret-store';
import { backendSecretName } from '../../../../electron/service/openeo/remote/secret-store';
import type { OpenEoProcess, ProcessGraph, RemoteBackend } from '../../../../electron/service/openeo/remote/types';
import { FAKE_OPENEO_USER, type FakeOpenEo } from '../../../helpers/fake-openeo';

export interface RemoteSetup {
  dir: string;
  secrets: FileSecretStore;
  backend: RemoteBackend;
}

export function backendEntry(fake: FakeOpenEo, fields: Partial<RemoteBackend> = {}): RemoteBackend {
  return {
    id: 'fake', url: fake.url, title: 'Fake openEO', auth: 'basic', username: FAKE_OPENEO_USER[0],
    oidc_provider_id: null, oidc_client_id: null, collections: {}, created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z',
    ...fields,
  };
}

/** A temp data dir with a secret file holding the fake's basic password. */
export async function basicSetup(fake: FakeOpenEo, fields: Partial<RemoteBackend> = {}): Promise<RemoteSetup> {
  const dir = mkdtempSync(join(tmpdir(), 'astra-remote-'));
  const secrets = createFileSecretStore(dir);
  const backend = backendEntry(fake, fields);
  await secrets.set(backendSecretName(backend.id, 'password'), FAKE_OPENEO_USER[1]);
  return { dir, secrets, backend };
}

const cloudCover = (max: number) => ({
  process_graph: { lt: { process_id: 'lt', arguments: { x: { from_parameter: 'value' }, y: max }, result: true } },
});

export interface LoadSpec { id: string; red: string; nir: string; mask: string; extra?: string[] }

export const SENTINEL_2: LoadSpec = { id: 'sentinel-2.sentinel-2-l2a', red: 'B04', nir: 'B08', mask: 'SCL' };
export const LANDSAT: LoadSpec = { id: 'landsat.landsat-c2l2-sr', red: 'SR_B4', nir: 'SR_B5', mask: 'QA_PIXEL' };

/** Masked NDVI of one collection, as nodes prefixed with `p`. */
function ndviNodes(p: string, spec: LoadSpec): ProcessGraph {
  const scl = { process_id: 'array_element', arguments: { data: { from_parameter: 'data' }, label: spec.mask } };
  const cloudy = spec.mask === 'SCL'
    ? {
      scl,
      cloud: { process_id: 'eq', arguments: { x: { from_node: 'scl' }, y: 9 } },
      shadow: { process_id: 'eq', arguments: { x: { from_node: 'scl' }, y: 3 } },
      either: { process_id: 'or', arguments: { x: { from_node: 'cloud' }, y: { from_node: 'shadow' } }, result: true },
    }
    : {
      scl,
      bits: { process_id: 'mod', arguments: { x: { from_node: 'scl' }, y: 32 } },
      either: { process_id: 'neq', arguments: { x: { from_node: 'bits' }, y: 0 }, result: true },
    };
  return {
    [`${p}load`]: {
      process_id: 'load_collection',
      arguments: {
        id: spec.id, spatial_extent: { west: 3.0, south: 51.4, east: 3.02, north: 51.41 }, temporal_extent: ['2024-06-01', '2024-09-01'],
        bands: [spec.red, spec.nir, spec.mask, ...(spec.extra ?? [])], properties: { 'eo:cloud_cover': cloudCover(60) },
      },
    },
    [`${p}cloudy`]: { process_id: 'reduce_dimension', arguments: { data: { from_node: `${p}load` }, dimension: 'bands', reducer: { process_graph: cloudy } } },
    [`${p}masked`]: { process_id: 'mask', arguments: { data: { from_node: `${p}load` }, mask: { from_node: `${p}cloudy` } } },
    [`${p}ndvi`]: { process_id: 'ndvi', arguments: { data: { from_node: `${p}masked` }, nir: spec.nir, red: spec.red } },
  };
}

/** A median NDVI composite over one or two collections (two are merged), saved as `format`. */
export function ndviComposite(specs: LoadSpec[] = [SENTINEL_2], format = 'GTiff'): OpenEoProcess {
  const graph: ProcessGraph = {};
  specs.forEach((spec, i) => Object.assign(graph, ndviNodes(`c${i}_`, spec)));
  let last = 'c0_ndvi';
  if (specs.length === 2) {
    graph.merged = { process_id: 'merge_cubes', arguments: { cube1: { from_node: 'c0_ndvi' }, cube2: { from_node: 'c1_ndvi' } } };
    last = 'merged';
  }
  graph.median = {
    process_id: 'reduce_dimension',
    arguments: { data: { from_node: last }, dimension: 't', reducer: { process_graph: { m: { process_id: 'median', arguments: { data: { from_parameter: 'data' } }, result: true } } } },
  };
  graph.save = { process_id: 'save_result', arguments: { data: { from_node: 'median' }, format }, result: true };
  return { process_graph: graph };
}

/** Every node of a stored graph, callbacks included, as [process_id, arguments]. */
export function flatNodes(graph: unknown): Array<[string, Record<string, unknown>]> {
  const out: Array<[string, Record<string, unknown>]> = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record.process_id === 'string') out.push([record.process_id, (record.arguments ?? {}) as Record<string, unknown>]);
    Object.values(record).forEach(visit);
  };
  visit(graph);
  return out;
}

/**
 * A poll "sleep" that moves the fake's newest job one step (queued → running 0 → 50 → finished)
 * instead of waiting; `before(step)` may change the world first (expire tokens, fail the job).
 */
export function steppingSleep(fake: FakeOpenEo, before?: (step: number, jobId: string) => boolean | void): (ms: number, signal?: AbortSignal) => Promise<void> {
  let step = 0;
  return async (_ms, signal) => {
    if (signal?.aborted) throw signal.reason;
    step += 1;
    const jobs = fake.jobs.all();
    const jobId = jobs[jobs.length - 1].id;
    if (before?.(step, jobId) === false) return;
    const status = fake.jobs.get(jobId).status;
    if (status === 'queued' || status === 'running') fake.jobs.advance(jobId);
  };
}
