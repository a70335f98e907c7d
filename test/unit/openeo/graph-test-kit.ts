/**
 * Shared pieces of the openEO graph tests: scene refs, a js-client Builder made from the vendored
 * process definitions, and graph inspection helpers.
 */
import { Builder, type BuilderNode } from '@openeo/js-client';
import { expect } from 'vitest';
import type { OpenEoProcess, ProcessNode } from '../../../electron/service/openeo/graph/graph-json';
import { processGraphErrors } from '../../../electron/service/openeo/graph/graph-to-job/validate-graph';
import { refuseUnsupportedProcesses } from '../../../electron/service/openeo/graph/graph-to-job/walk-processes';
import type { SceneRef } from '../../../electron/service/openeo/graph/job-to-graph/job-to-process-graph';
import { VENDORED_PROCESSES } from '../../../electron/service/openeo/graph/vendored-processes';

export const SCENES: Readonly<Record<string, SceneRef>> = {
  'sentinel-2:S2A_32TPS_20240705_0_L2A': { collection: 'sentinel-2-l2a', datetime: '2024-07-05T10:20:31.024Z' },
  'sentinel-2:S2B_32TPS_20230710_0_L2A': { collection: 'sentinel-2-c1-l2a', datetime: '2023-07-10T10:20:29Z' },
  'landsat:LC09_L2SP_193029_20240712_20240713_02_T1': { collection: 'landsat-c2l2-sr', datetime: '2024-07-12T09:58:01.123456Z' },
  'planetary-computer:S2A_MSIL2A_20240705T101031_R022_T32TPS_20240705T163546': { collection: 'sentinel-2-l2a', datetime: '2024-07-05T10:10:31Z' },
  'planetary-computer:LC08_L2SP_193029_20240704_02_T1': { collection: 'landsat-c2-l2', datetime: '2024-07-04T09:58:00Z' },
};

/** A js-client Builder knowing exactly the local back-end's processes. */
export function newBuilder(): Builder {
  return new Builder(VENDORED_PROCESSES.map((p) => structuredClone(p)) as never[]);
}

/** The process a Builder wrote, with `result` set on its final node (as createJob/computeResult do). */
export function builtGraph(builder: Builder, result: BuilderNode): OpenEoProcess {
  result.result = true;
  return JSON.parse(JSON.stringify(builder.toJSON())) as OpenEoProcess;
}

/** Every node of a graph, callbacks included, as [path, node]. */
export function allNodes(process: OpenEoProcess, path = ''): Array<[string, ProcessNode]> {
  const found: Array<[string, ProcessNode]> = [];
  const visit = (value: unknown, at: string): void => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${at}[${i}]`));
    else if (typeof value === 'object' && value !== null) {
      if ('process_graph' in value) found.push(...allNodes(value as OpenEoProcess, at));
      else for (const [key, item] of Object.entries(value)) visit(item, `${at}.${key}`);
    }
  };
  for (const [id, node] of Object.entries(process.process_graph)) {
    found.push([`${path}/${id}`, node]);
    visit(node.arguments, `${path}/${id}`);
  }
  return found;
}

export function processIds(process: OpenEoProcess): string[] {
  return [...new Set(allNodes(process).map(([, node]) => node.process_id))].sort();
}

export function nodesOf(process: OpenEoProcess, processId: string): ProcessNode[] {
  return Object.values(process.process_graph).filter((node) => node.process_id === processId);
}

/** js-processgraphs finds nothing wrong and every process is one the local engine runs. */
export async function expectValidGraph(process: OpenEoProcess): Promise<void> {
  expect((await processGraphErrors(process)).map((e) => `${e.code}: ${e.message}`)).toEqual([]);
  expect(() => refuseUnsupportedProcesses(process.process_graph)).not.toThrow();
}
