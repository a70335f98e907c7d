/**
 * Posted graphs the local back-end refuses, and how: openEO error codes with errors.json's HTTP
 * statuses, messages that name the process, node or argument and say what would work.
 */
import { describe, expect, it } from 'vitest';
import errorCatalogue from '../../../electron/service/openeo/spec/errors.json';
import type { OpenEoProcess, ProcessNode } from '../../../electron/service/openeo/graph/graph-json';
import { processGraphToJob } from '../../../electron/service/openeo/graph/graph-to-job/process-graph-to-job';
import { processGraphErrors } from '../../../electron/service/openeo/graph/graph-to-job/validate-graph';
import { isOpenEoError } from '../../../electron/service/openeo/graph/openeo-error';

const cb = (process_id: string, args: Record<string, unknown>): OpenEoProcess => ({ process_graph: { n: { process_id, arguments: args, result: true } } });
const data = { from_parameter: 'data' };
const at = (label: string) => ({ process_id: 'array_element', arguments: { data, label } });

/** load (S2, bbox, summer, B04 B08 SCL) → SCL mask → ndvi → median over t → GTiff, with nodes replaced or added. */
function graph(changes: Record<string, Partial<ProcessNode> | null> = {}): OpenEoProcess {
  const nodes: Record<string, ProcessNode> = {
    load: { process_id: 'load_collection', arguments: { id: 'sentinel-2.sentinel-2-l2a', spatial_extent: { west: 11.2, south: 46.4, east: 11.5, north: 46.6 }, temporal_extent: ['2024-06-01', '2024-09-01'], bands: ['B04', 'B08', 'SCL'] } },
    clouds: {
      process_id: 'reduce_dimension',
      arguments: {
        data: { from_node: 'load' }, dimension: 'bands',
        reducer: {
          process_graph: {
            scl: at('SCL'),
            ...Object.fromEntries([0, 1, 3, 8, 9, 10].map((c) => [`eq${c}`, { process_id: 'eq', arguments: { x: { from_node: 'scl' }, y: c } }])),
            or1: { process_id: 'or', arguments: { x: { from_node: 'eq0' }, y: { from_node: 'eq1' } } },
            or2: { process_id: 'or', arguments: { x: { from_node: 'or1' }, y: { from_node: 'eq3' } } },
            or3: { process_id: 'or', arguments: { x: { from_node: 'or2' }, y: { from_node: 'eq8' } } },
            or4: { process_id: 'or', arguments: { x: { from_node: 'or3' }, y: { from_node: 'eq9' } } },
            or5: { process_id: 'or', arguments: { x: { from_node: 'or4' }, y: { from_node: 'eq10' } }, result: true },
          },
        },
      },
    },
    masked: { process_id: 'mask', arguments: { data: { from_node: 'load' }, mask: { from_node: 'clouds' } } },
    ndvi: { process_id: 'ndvi', arguments: { data: { from_node: 'masked' }, nir: 'B08', red: 'B04' } },
    median: { process_id: 'reduce_dimension', arguments: { data: { from_node: 'ndvi' }, dimension: 't', reducer: cb('median', { data }) } },
    save: { process_id: 'save_result', arguments: { data: { from_node: 'median' }, format: 'GTiff' }, result: true },
  };
  for (const [id, change] of Object.entries(changes)) {
    if (change === null) delete nodes[id];
    else nodes[id] = { ...nodes[id], ...change, arguments: { ...nodes[id]?.arguments, ...change.arguments } } as ProcessNode;
  }
  return { process_graph: nodes };
}

async function refusal(process: unknown): Promise<{ code: string; status: number; message: string }> {
  try {
    await processGraphToJob(process);
  } catch (error) {
    expect(isOpenEoError(error)).toBe(true);
    const { code, status, message } = error as { code: string; status: number; message: string };
    return { code, status, message };
  }
  throw new Error('the graph was accepted');
}

describe('processGraphToJob refuses', () => {
  it('accepts the base graph (so each refusal below is the change made to it)', async () => {
    expect((await processGraphToJob(graph())).job).toMatchObject({ type: 'composite', expression: '(B08 - B04) / (B08 + B04)', reducer: 'median', mask_clouds: true });
  });

  it('any process the local engine lacks with ProcessUnsupported naming it — inside callbacks too, where js-processgraphs alone says ProcessParameterInvalid', async () => {
    const inCallback = graph({ median: { arguments: { reducer: cb('quantiles', { data, probabilities: [0.5] }) } } });
    expect((await processGraphErrors(inCallback)).map((e) => e.code)).toContain('ProcessParameterInvalid');
    for (const [g, process] of [
      [inCallback, 'quantiles'],
      [graph({ extra: { process_id: 'apply_kernel', arguments: { data: { from_node: 'load' }, kernel: [[1]] } } }), 'apply_kernel'],
      [graph({ ndvi: null, cosine: { process_id: 'apply', arguments: { data: { from_node: 'masked' }, process: cb('cos', { x: { from_parameter: 'x' } }) } }, median: { arguments: { data: { from_node: 'cosine' } } } }), 'cos'],
      [graph({ median: { namespace: 'vito' } }), 'reduce_dimension'],
    ] as Array<[OpenEoProcess, string]>) {
      const error = await refusal(g);
      expect(error).toMatchObject({ code: 'ProcessUnsupported', status: errorCatalogue.ProcessUnsupported.http });
      expect(error.message).toContain(`Process '${process}'`);
      expect(error.message).toMatch(/remote openEO back-end/);
    }
  });

  it('invalid arguments with the openEO codes and statuses of errors.json', async () => {
    const cases: Array<[OpenEoProcess | unknown, string, RegExp]> = [
      [graph({ load: { arguments: { temporal_extent: undefined } } }), 'ProcessParameterRequired', /temporal_extent/],
      [graph({ save: { arguments: { compression: 'lzw' } } }), 'ProcessParameterUnsupported', /compression/],
      [graph({ load: { arguments: { temporal_extent: ['2024-09-01', '2024-06-01'] } } }), 'ProcessParameterInvalid', /temporal_extent/],
      [graph({ save: { arguments: { format: 'netCDF' } } }), 'ProcessParameterInvalid', /netCDF/],
      [graph({ median: { result: true } }), 'ProcessGraphInvalid', /[Mm]ultiple result nodes/],
      [graph({ ndvi: { arguments: { data: { from_node: 'nowhere' } } } }), 'ProcessGraphInvalid', /nowhere/],
      [{ process_graph: {} }, 'ProcessGraphMissing', /process graph/],
      [{ id: 'x' }, 'ProcessGraphMissing', /process graph/],
    ];
    for (const [g, code, message] of cases) {
      const error = await refusal(g);
      expect(error.code).toBe(code);
      expect(error.status).toBe((errorCatalogue as Record<string, { http: number }>)[code].http);
      expect(error.message).toMatch(message);
    }
  });

  it('an unknown collection with CollectionNotFound (404) listing the local ones', async () => {
    const error = await refusal(graph({ load: { arguments: { id: 'SENTINEL2_L2A' } } }));
    expect(error).toMatchObject({ code: 'CollectionNotFound', status: 404 });
    expect(error.message).toMatch(/'SENTINEL2_L2A'.*sentinel-2\.sentinel-2-l2a/);
  });

  it('valid openEO the engine cannot run with FeatureUnsupported (400, not errors.json\'s 501) saying what, where, and to go remote', async () => {
    expect(errorCatalogue.FeatureUnsupported.http).toBe(501);
    const sclWithout10 = graph();
    const reducer = (sclWithout10.process_graph.clouds.arguments.reducer as OpenEoProcess).process_graph;
    reducer.or5.arguments.y = { from_node: 'eq9' };
    const cases: Array<[OpenEoProcess, RegExp]> = [
      [graph({ median: null, save: { arguments: { data: { from_node: 'ndvi' } } } }), /still has a time dimension/],
      [sclWithout10, /node 'clouds' \(reduce_dimension\): the reducer is a test \(or\).*SCL classes 0, 1, 3, 8, 9, 10/],
      [graph({ ndvi: { arguments: { data: { from_node: 'load' } } }, masked: { arguments: { data: { from_node: 'ndvi' }, mask: { from_node: 'ndvi' } } }, median: { arguments: { data: { from_node: 'masked' } } } }), /node 'masked' \(mask\): 'mask' is a cube of observations; .*ASTRA's cloud mask/],
      [graph({ resample: { process_id: 'resample_spatial', arguments: { data: { from_node: 'median' }, resolution: 20 } }, save: { arguments: { data: { from_node: 'resample' } } } }), /method "near".*set method "bilinear"/],
      [graph({ load: { arguments: { spatial_extent: { west: 600000, south: 5100000, east: 610000, north: 5110000, crs: 32632 } } } }), /CRS 32632.*EPSG:4326/],
      [graph({ load: { arguments: { properties: { platform: cb('eq', { x: { from_parameter: 'value' }, y: 'sentinel-2a' }) } } } }), /property 'platform'/],
      [graph({ load: { arguments: { properties: { 'eo:cloud_cover': cb('lte', { x: { from_parameter: 'value' }, y: 20 }) } } } }), /lt\(value, <number>\)/],
      [graph({ load: { arguments: { id: { from_parameter: 'collection' } } } }), /refers to a node or parameter/],
      [graph({ sqrt: { process_id: 'apply', arguments: { data: { from_node: 'median' }, process: cb('sqrt', { x: { from_parameter: 'x' } }) } }, save: { arguments: { data: { from_node: 'sqrt' } } } }), /apply after median.*neither increasing nor decreasing/],
      [graph({ ndvi: null, scaled: { process_id: 'apply', arguments: { data: { from_node: 'masked' }, process: cb('multiply', { x: { from_parameter: 'x' }, y: 2 }) } }, median: { arguments: { data: { from_node: 'scaled' } } } }), /apply to several bands/],
      [graph({ median: { process_id: 'aggregate_temporal_period', arguments: { data: { from_node: 'ndvi' }, period: 'dekad', reducer: cb('mean', { data }), dimension: undefined } } }), /period "dekad".*day, week, month/],
      [graph({ load: { arguments: { temporal_extent: ['2024-06-01', null] } } }), /open-ended/],
      [graph({ load: { arguments: { spatial_extent: null } } }), /no spatial_extent/],
      [graph({ save: { arguments: { format: 'JSON' } } }), /raster saved as JSON/],
    ];
    for (const [g, message] of cases) {
      const error = await refusal(g);
      expect(error, error.message).toMatchObject({ code: 'FeatureUnsupported', status: 400 });
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/run it on a remote openEO back-end/);
    }
  });

  it('bands a collection does not have, naming the band and listing the collection\'s', async () => {
    const error = await refusal(graph({ load: { arguments: { bands: ['SR_B4', 'B08', 'SCL'] } } }));
    expect(error).toMatchObject({ code: 'ProcessParameterInvalid', status: 400 });
    expect(error.message).toMatch(/'SR_B4' is not a band of sentinel-2\.sentinel-2-l2a; its bands: B01 \(coastal\)/);
    const math = await refusal(graph({ ndvi: { arguments: { nir: 'B8A', red: 'B04' } } }));
    expect(math.message).toMatch(/reads 'B8A', which is not in the cube \(its bands: B04, B08, SCL\)/);
  });

  it('band math that expands without bound, or to a job ASTRA refuses, without hanging', async () => {
    const doubling: Record<string, unknown> = { n0: at('B04') };
    for (let i = 1; i <= 60; i++) doubling[`n${i}`] = { process_id: 'add', arguments: { x: { from_node: `n${i - 1}` }, y: { from_node: `n${i - 1}` } }, ...(i === 60 ? { result: true } : {}) };
    const deep: Record<string, unknown> = { n0: at('B04') };
    for (let i = 1; i <= 300; i++) deep[`n${i}`] = { process_id: 'add', arguments: { x: { from_node: `n${i - 1}` }, y: 1 }, ...(i === 300 ? { result: true } : {}) };
    const tooDeep = await refusal(graph({ ndvi: { process_id: 'reduce_dimension', arguments: { data: { from_node: 'masked' }, dimension: 'bands', reducer: { process_graph: deep }, nir: undefined, red: undefined } } }));
    expect(tooDeep).toMatchObject({ code: 'ProcessGraphComplexity', status: 400 });
    const huge = await refusal(graph({ ndvi: { process_id: 'reduce_dimension', arguments: { data: { from_node: 'masked' }, dimension: 'bands', reducer: { process_graph: doubling }, nir: undefined, red: undefined } } }));
    expect(huge).toMatchObject({ code: 'ProcessGraphComplexity', status: 400 });
    const chain: Record<string, unknown> = { n0: at('B04') };
    for (let i = 1; i <= 150; i++) chain[`n${i}`] = { process_id: 'add', arguments: { x: { from_node: `n${i - 1}` }, y: 1.2345678901234567 }, ...(i === 150 ? { result: true } : {}) };
    const long = await refusal(graph({ ndvi: { process_id: 'reduce_dimension', arguments: { data: { from_node: 'masked' }, dimension: 'bands', reducer: { process_graph: chain }, nir: undefined, red: undefined } } }));
    expect(long, long.message).toMatchObject({ code: 'ProcessParameterInvalid', status: 400 });
    expect(long.message).toMatch(/expression: is longer than 2000 characters/);
  });

  it('malformed input of any shape with a 4xx openEO error, never anything else', async () => {
    const loaded = graph().process_graph.load;
    const inputs: unknown[] = [
      null, 42, 'graph', [], { process_graph: [] }, { process_graph: null }, { process_graph: { a: null } },
      { process_graph: { a: { process_id: 7, result: true } } },
      { process_graph: { a: { process_id: 'save_result', arguments: 'x', result: true } } },
      { process_graph: { a: { process_id: 'save_result', arguments: { data: { from_node: 'a' }, format: 'GTiff' }, result: true } } },
      { process_graph: { l: loaded, s: { process_id: 'save_result', arguments: { data: { from_node: 'l' }, format: 'GTiff' } } } },
      { process_graph: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`n${i}`, loaded])) },
      graph({ median: { arguments: { reducer: { process_graph: { m: { process_id: 'median', arguments: { data } } } } } } }),
      graph({ median: { arguments: { reducer: { process_graph: { m: { process_id: 'median', arguments: { data: { from_node: 'm' } }, result: true } } } } } }),
      graph({ load: { arguments: { spatial_extent: { type: 'Polygon', coordinates: [[[0, 0], [1, 0]]] } } } }),
      graph({ load: { arguments: { spatial_extent: { west: -200, south: 0, east: 1, north: 1 } } } }),
    ];
    for (const input of inputs) {
      const error = await refusal(input);
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(500);
      expect(error.message.length).toBeGreaterThan(10);
    }
  });
});
