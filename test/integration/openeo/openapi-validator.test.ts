/**
 * The openEO openapi.yaml validator rejects what breaks the contract (so an empty
 * `contractViolations` of the fake back-end means something): missing required members, wrong
 * enums, discriminated dimension types, a body where the spec has none, a status the operation
 * does not define — and the fake's own self-check records a non-conforming answer.
 */
import { describe, expect, it } from 'vitest';
import { SENTINEL2_L2A, startFakeOpenEo } from '../../helpers/fake-openeo';
import { matchOpenEoPath, openEoRequestErrors, openEoResponseErrors } from '../../helpers/openeo-openapi-validator';

const capabilities = {
  api_version: '1.2.0', backend_version: '1', stac_version: '1.0.0', id: 'x', title: 'x', description: 'x',
  endpoints: [{ path: '/collections', methods: ['GET'] }], links: [],
};

const collection = (dimensions: Record<string, unknown>) => ({
  stac_version: '1.0.0', type: 'Collection', id: 'S2', description: 'd', license: 'proprietary', links: [],
  extent: { spatial: { bbox: [[0, 0, 1, 1]] }, temporal: { interval: [['2020-01-01T00:00:00Z', null]] } },
  'cube:dimensions': dimensions, summaries: {},
});

describe('openEO openapi.yaml validator', () => {
  it('matches concrete paths to templates, literal ones first', () => {
    expect(matchOpenEoPath('/jobs/j-1/results')).toBe('/jobs/{job_id}/results');
    expect(matchOpenEoPath('/collections/S2/queryables')).toBe('/collections/{collection_id}/queryables');
    expect(matchOpenEoPath('/jobs')).toBe('/jobs');
    expect(matchOpenEoPath('/nope/x')).toBeUndefined();
  });

  it('accepts conforming answers and rejects missing members and unknown enum values', () => {
    expect(openEoResponseErrors({ path: '/', method: 'GET', status: 200, body: capabilities })).toEqual([]);
    const { endpoints: _endpoints, ...withoutEndpoints } = capabilities;
    expect(openEoResponseErrors({ path: '/', method: 'GET', status: 200, body: withoutEndpoints }).join()).toContain("must have required property 'endpoints'");
    const job = { id: 'j-1', status: 'done', created: '2024-01-01T00:00:00Z', process: { process_graph: {} } };
    expect(openEoResponseErrors({ path: '/jobs/j-1', method: 'GET', status: 200, body: job }).join()).toContain('/status must be equal to one of the allowed values');
    expect(openEoResponseErrors({ path: '/jobs/j-1', method: 'GET', status: 404, body: { code: 'JobNotFound' } }).join()).toContain("required property 'message'");
  });

  it('follows the discriminators: a spatial dimension needs its axis extent, a bands dimension its values', () => {
    const good = { x: { type: 'spatial', axis: 'x', extent: [0, 1] }, bands: { type: 'bands', values: ['B04'] }, t: { type: 'temporal', extent: ['2020-01-01T00:00:00Z', null] } };
    expect(openEoResponseErrors({ path: '/collections/S2', method: 'GET', status: 200, body: collection(good) })).toEqual([]);
    const badSpatial = openEoResponseErrors({ path: '/collections/S2', method: 'GET', status: 200, body: collection({ x: { type: 'spatial', axis: 'x' } }) });
    expect(badSpatial.join()).toContain("/cube:dimensions/x must have required property 'extent'");
    const badBands = openEoResponseErrors({ path: '/collections/S2', method: 'GET', status: 200, body: collection({ bands: { type: 'bands' } }) });
    expect(badBands.join()).toContain("/cube:dimensions/bands must have required property 'values'");
  });

  it('rejects a body where the spec has none, and a status the operation does not define', () => {
    expect(openEoResponseErrors({ path: '/jobs/j-1', method: 'DELETE', status: 204, body: undefined })).toEqual([]);
    expect(openEoResponseErrors({ path: '/jobs/j-1', method: 'DELETE', status: 204, body: { ok: true } })).toEqual(['DELETE /jobs/{job_id} 204: the spec defines no body, got one']);
    expect(openEoResponseErrors({ path: '/jobs', method: 'POST', status: 200, body: {} })[0]).toContain('status not allowed');
    expect(openEoResponseErrors({ path: '/jobs', method: 'PUT', status: 200, body: {} })).toEqual(['PUT is not an operation of /jobs']);
  });

  it('validates request bodies: a job needs a process with a process graph; null titles are allowed', () => {
    const process = { process_graph: { a: { process_id: 'add', arguments: { x: 1, y: 2 }, result: true } } };
    expect(openEoRequestErrors('/jobs', 'POST', { process, title: null, plan: null, budget: null })).toEqual([]);
    expect(openEoRequestErrors('/jobs', 'POST', { title: 'x' }).join()).toContain("required property 'process'");
  });

  it('the fake back-end records its own non-conforming answers', async () => {
    const broken = { ...SENTINEL2_L2A, id: 'BROKEN', start: 'not-a-date' };
    const backend = await startFakeOpenEo({ collections: [broken] });
    try {
      expect((await fetch(`${backend.apiUrl}/collections/BROKEN`)).status).toBe(200);
      expect(backend.contractViolations.join()).toContain('must match format "date-time"');
    } finally {
      await backend.close();
    }
  });
});
