/** Validation of a remote back-end entry: 400 naming the field; no secret travels with an entry. */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/service/api/errors';
import { parseRemoteBackendInput } from '../../../electron/service/openeo/remote/backend-input';

function refusal(body: unknown, pathId?: string): { parameter?: string; message: string; status: number } {
  try {
    parseRemoteBackendInput(body, pathId);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { parameter: error.parameter, message: error.message, status: error.status };
  }
  throw new Error('expected a refusal');
}

const cdse = { id: 'cdse', url: 'https://openeo.dataspace.copernicus.eu/', auth: 'oidc' };

describe('parseRemoteBackendInput', () => {
  it('accepts an OIDC and a basic entry, normalizing the URL and defaulting the optional fields', () => {
    expect(parseRemoteBackendInput(cdse)).toEqual({
      id: 'cdse', url: 'https://openeo.dataspace.copernicus.eu', auth: 'oidc', title: null, username: null,
      oidc_provider_id: null, oidc_client_id: null, collections: {},
    });
    expect(parseRemoteBackendInput({
      url: 'http://127.0.0.1:8080/openeo/1.2/', auth: 'basic', username: ' analyst ', title: 'Lab cluster',
      collections: { 'sentinel-2.sentinel-2-l2a': 'SENTINEL2_L2A' },
    }, 'lab')).toMatchObject({ id: 'lab', url: 'http://127.0.0.1:8080/openeo/1.2', username: 'analyst', collections: { 'sentinel-2.sentinel-2-l2a': 'SENTINEL2_L2A' } });
  });

  it.each([
    [{ ...cdse, id: 'Local' }, 'id'],
    [{ ...cdse, id: 'local' }, 'id'],
    [{ ...cdse, url: 'http://openeo.example.org' }, 'url'],
    [{ ...cdse, url: 'https://user:pw@openeo.example.org' }, 'url'],
    [{ ...cdse, url: 'https://openeo.example.org/?token=x' }, 'url'],
    [{ ...cdse, url: 'ftp://openeo.example.org' }, 'url'],
    [{ ...cdse, auth: 'token' }, 'auth'],
    [{ ...cdse, username: 'someone' }, 'username'],
    [{ ...cdse, auth: 'basic' }, 'username'],
    [{ ...cdse, auth: 'basic', username: 'u', oidc_client_id: 'c' }, 'oidc_client_id'],
    [{ ...cdse, title: 'x\u0007' }, 'title'],
    [{ ...cdse, collections: { 'SENTINEL2_L2A': 'x' } }, 'collections'],
    [{ ...cdse, collections: { 'sentinel-2.sentinel-2-l2a': '../x' } }, 'collections'],
    [{ ...cdse, password: 'pw' }, 'password'],
  ])('refuses %j naming %s', (body, parameter) => {
    expect(refusal(body)).toMatchObject({ parameter, status: 400 });
  });

  it('says where a secret goes instead of taking it, and never echoes it', () => {
    const refused = refusal({ ...cdse, auth: 'basic', username: 'u', password: 'hunter2' });
    expect(refused.message).toContain('secrets are set through their own call');
    expect(refused.message).not.toContain('hunter2');
    expect(refusal(cdse, 'other')).toMatchObject({ parameter: 'id', message: 'id: must match the id in the path' });
  });
});
