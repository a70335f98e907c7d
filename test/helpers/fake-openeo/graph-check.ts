/**
 * What the fake back-end checks in a submitted process before accepting it, as real back-ends do:
 * a process graph with exactly one result node is present; every process it calls (callbacks included) is one this back-end
 * offers; `load_collection` names one of its collections; and every band name the graph uses
 * (`load_collection`/`filter_bands` bands, `array_element` labels, `ndvi` nir/red) is a band of
 * the loaded collections under THIS back-end's names. The first problem becomes an openEO error.
 */
import type { FakeCollection } from './collections';

export interface GraphProblem {
  code: 'ProcessGraphMissing' | 'ProcessGraphInvalid' | 'ProcessUnsupported' | 'CollectionNotFound' | 'ProcessParameterInvalid';
  variables: Record<string, string>;
}

interface Node { process_id?: unknown; arguments?: Record<string, unknown> }
interface BandUse { process: string; parameter: string; band: string }

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function graphNodes(processGraph: unknown): Node[] {
  if (!isObject(processGraph)) return [];
  const nodes = Object.values(processGraph).filter(isObject) as Node[];
  return nodes.flatMap((node) => [node, ...callbackNodes(node.arguments)]);
}

function callbackNodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(callbackNodes);
  if (!isObject(value)) return [];
  if (isObject(value.process_graph)) return graphNodes(value.process_graph);
  return Object.values(value).flatMap(callbackNodes);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function bandUses(node: Node): BandUse[] {
  const args = node.arguments ?? {};
  const use = (parameter: string, values: string[]): BandUse[] => values.map((band) => ({ process: String(node.process_id), parameter, band }));
  switch (node.process_id) {
    case 'load_collection': return use('bands', strings(args.bands));
    case 'filter_bands': return use('bands', strings(args.bands));
    case 'array_element': return use('label', strings(args.label));
    case 'ndvi': return [...use('nir', strings(args.nir)), ...use('red', strings(args.red))];
    default: return [];
  }
}

/** The first reason the back-end refuses `process` (the `process` member of a job/result request). */
export function checkSubmittedProcess(process: unknown, offered: ReadonlySet<string>, collections: readonly FakeCollection[]): GraphProblem | undefined {
  if (!isObject(process) || !isObject(process.process_graph) || Object.keys(process.process_graph).length === 0) {
    return { code: 'ProcessGraphMissing', variables: {} };
  }
  const results = Object.values(process.process_graph).filter((node) => isObject(node) && node.result === true);
  if (results.length !== 1) return { code: 'ProcessGraphInvalid', variables: {} };
  const nodes = graphNodes(process.process_graph);
  for (const node of nodes) {
    const id = String(node.process_id);
    if (!offered.has(id)) return { code: 'ProcessUnsupported', variables: { process: id, namespace: 'backend' } };
  }
  const loaded: FakeCollection[] = [];
  for (const node of nodes.filter((candidate) => candidate.process_id === 'load_collection')) {
    const id = String(node.arguments?.id);
    const collection = collections.find((candidate) => candidate.id === id);
    if (!collection) return { code: 'CollectionNotFound', variables: { identifier: id } };
    loaded.push(collection);
  }
  const known = new Set(loaded.flatMap((collection) => collection.bands.map((band) => band.name)));
  for (const use of nodes.flatMap(bandUses)) {
    if (known.has(use.band)) continue;
    const available = [...known].join(', ');
    return {
      code: 'ProcessParameterInvalid',
      variables: { process: use.process, parameter: use.parameter, reason: `band '${use.band}' does not exist; available bands: ${available}` },
    };
  }
  return undefined;
}
