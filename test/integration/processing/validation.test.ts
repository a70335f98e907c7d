/**
 * POST /api/v1/jobs for ndvi / index / change is validated before anything is queued: every
 * rejection is a JSON error with a code, a message naming the problem and the parameter, and the
 * right status — 400 bad input (with the position of an expression syntax error), 404 unknown
 * scene, 422 a request the scene(s) cannot satisfy — and no job is created for it.
 */
import { describe, expect, it } from 'vitest';
import { postJob, useProcessingRig } from './helpers/processing-rig';
import { LANDSAT_SCENE, PUCALLPA_1985, PUCALLPA_2020, S2_SCENE, SYNTHETIC_SCENE } from './helpers/test-scenes';

const rig = useProcessingRig();

interface ErrorBody { error: { code: string; message: string; parameter?: string; position?: number } }

async function rejected(body: Record<string, unknown>, status: number, parameter: string | undefined, message: RegExp): Promise<ErrorBody['error']> {
  const response = await postJob(rig.env.svc, body);
  const text = await response.text();
  expect(response.status, `${JSON.stringify(body)} → ${text}`).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const { error } = JSON.parse(text) as ErrorBody;
  expect(error.parameter, text).toBe(parameter);
  expect(error.message, text).toMatch(message);
  return error;
}

describe('processing job validation', () => {
  it('404 for a scene no source knows', async () => {
    await rejected({ type: 'ndvi', scene: 'sentinel-2:S2A_99ZZZ_20200101_0_L2A' }, 404, undefined, /scene: unknown scene sentinel-2:S2A_99ZZZ_20200101_0_L2A/);
    await rejected({ type: 'change', before: 'sentinel-2:S2A_99ZZZ_20200101_0_L2A', after: S2_SCENE }, 404, undefined, /before: unknown scene/);
  });

  it('400 for malformed fields, naming each', async () => {
    await rejected({ type: 'ndvi' }, 400, 'scene', /scene: is required/);
    await rejected({ type: 'ndvi', scene: 'S2A_29RKH' }, 400, 'scene', /<source>:<upstream id>/);
    await rejected({ type: 'ndvi', scene: S2_SCENE, treshold: 0.3 }, 400, 'treshold', /not a parameter of this job type/);
    await rejected({ type: 'ndvi', scene: S2_SCENE, bbox: [1, 2, 3] }, 400, 'bbox', /four numbers/);
    await rejected({ type: 'ndvi', scene: S2_SCENE, bbox: [-11, 95, -10, 96] }, 400, 'bbox', /latitude 95/);
    await rejected({ type: 'ndvi', scene: S2_SCENE, mask_clouds: 'yes' }, 400, 'mask_clouds', /true or false/);
    await rejected({ type: 'ndvi', scene: S2_SCENE, resolution: -10 }, 400, 'resolution', /positive number/);
    await rejected({ type: 'change', before: PUCALLPA_1985, after: PUCALLPA_2020, threshold: -0.1 }, 400, 'threshold', /≥ 0/);
    await rejected({ type: 'change', before: PUCALLPA_1985, after: PUCALLPA_1985 }, 400, 'after', /another scene/);
  });

  it('400 for an unknown index, or both index and expression', async () => {
    await rejected({ type: 'index', scene: S2_SCENE, index: 'ndsi' }, 400, 'index', /unknown index "ndsi"; known: ndvi, ndwi, nbr, evi, savi/);
    await rejected({ type: 'change', before: PUCALLPA_1985, after: PUCALLPA_2020, index: 'greenness' }, 400, 'index', /unknown index/);
    await rejected({ type: 'index', scene: S2_SCENE }, 400, 'index', /is required/);
    await rejected({ type: 'index', scene: S2_SCENE, index: 'ndvi', expression: 'nir' }, 400, 'expression', /either "index" or "expression"/);
  });

  it('400 for an expression syntax error, with its position', async () => {
    const unclosed = await rejected({ type: 'index', scene: S2_SCENE, expression: '(nir - red' }, 400, 'expression', /missing '\)' at position 10/);
    expect(unclosed.position).toBe(10);
    const doubled = await rejected({ type: 'index', scene: S2_SCENE, expression: 'nir +* red' }, 400, 'expression', /position 5/);
    expect(doubled.position).toBe(5);
    const bad = await rejected({ type: 'index', scene: S2_SCENE, expression: 'nir $ red' }, 400, 'expression', /unexpected character '\$' at position 4/);
    expect(bad.position).toBe(4);
    await rejected({ type: 'index', scene: S2_SCENE, expression: '2 * 3' }, 400, 'expression', /reads no band/);
  });

  it('422 naming a band the scene lacks', async () => {
    // The Pucallpa export has SWIR1 (swir16) but no swir22, which NBR needs.
    await rejected({ type: 'index', scene: PUCALLPA_2020, index: 'nbr' }, 422, 'index', /has no band "swir22".*swir16/);
    // Sentinel-2 L2A has no B10 (cirrus is an L1C band).
    await rejected({ type: 'index', scene: SYNTHETIC_SCENE, expression: '(B10 - nir) / (B10 + nir)' }, 422, 'expression', /has no band "B10"/);
    await rejected({ type: 'index', scene: LANDSAT_SCENE, expression: 'red / rededge1' }, 422, 'expression', /has no band "rededge1"/);
  });

  it('422 for a bbox outside the scene, scenes that do not overlap, and a mask the scene cannot give', async () => {
    await rejected({ type: 'ndvi', scene: S2_SCENE, bbox: [10, 45, 11, 46] }, 422, 'bbox', /does not overlap scene .* which covers \[-11\.9/);
    await rejected({ type: 'change', before: PUCALLPA_1985, after: S2_SCENE }, 422, 'before', /do not overlap/);
    await rejected({ type: 'change', before: PUCALLPA_1985, after: PUCALLPA_2020, bbox: [10, 45, 11, 46] }, 422, 'bbox', /does not overlap the overlap of/);
    await rejected({ type: 'ndvi', scene: PUCALLPA_2020, mask_clouds: true }, 422, 'mask_clouds', /no cloud-mask band.*mask_clouds: false/);
    await rejected({ type: 'ndvi', scene: S2_SCENE, resolution: 0.01 }, 422, 'resolution', /pixels; at most/);
  });

  it('502 naming the asset when a band\'s bytes cannot be read (its href is unreachable)', async () => {
    // The synthetic scene's item still lists swir16 (B11), at a path the fake upstream does not serve.
    const failure = await rejected({ type: 'index', scene: SYNTHETIC_SCENE, expression: '(B11 - nir) / (B11 + nir)' }, 502, undefined, /could not read the GeoTIFF header of asset B11 of sentinel-2:S2B_33UVR_20240610_0_L2A/);
    expect(failure.code).toBe('upstream_error');
  });

  it('queued nothing for any of the rejected requests', async () => {
    const { jobs } = (await (await rig.env.svc.api('/api/v1/jobs')).json()) as { jobs: unknown[] };
    expect(jobs).toHaveLength(0);
  });
});
