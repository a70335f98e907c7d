/**
 * Walking an openEO process graph including its callbacks (a `reducer`, an `overlap_resolver`, a
 * `properties` condition…: any argument value that is `{process_graph: …}`, at any depth), and
 * rewriting it node by node into a copy. Pure; the input is never changed.
 */
import type { ProcessGraph, ProcessGraphNode } from './types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isProcessGraph(value: unknown): value is ProcessGraph {
  return isRecord(value) && Object.values(value).every((node) => isRecord(node) && typeof node.process_id === 'string');
}

/** Every callback graph inside an argument value. */
function callbacksIn(value: unknown): ProcessGraph[] {
  if (Array.isArray(value)) return value.flatMap(callbacksIn);
  if (!isRecord(value)) return [];
  if (isProcessGraph(value.process_graph)) return [value.process_graph];
  return Object.values(value).flatMap(callbacksIn);
}

/** Visits every node, callbacks after the node that holds them. */
export function forEachNode(graph: ProcessGraph, visit: (node: ProcessGraphNode, nodeId: string) => void): void {
  for (const [nodeId, node] of Object.entries(graph)) {
    visit(node, nodeId);
    for (const callback of callbacksIn(node.arguments)) forEachNode(callback, visit);
  }
}

/** The distinct process ids the graph calls, callbacks included, sorted. */
export function processIdsOf(graph: ProcessGraph): string[] {
  const ids = new Set<string>();
  forEachNode(graph, (node) => ids.add(node.process_id));
  return [...ids].sort();
}

function rewriteValue(value: unknown, rewrite: (node: ProcessGraphNode) => ProcessGraphNode): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteValue(item, rewrite));
  if (!isRecord(value)) return value;
  if (isProcessGraph(value.process_graph)) return { ...value, process_graph: rewriteGraph(value.process_graph, rewrite) };
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteValue(item, rewrite)]));
}

/** A copy of the graph with every node (callbacks first) passed through `rewrite`. */
export function rewriteGraph(graph: ProcessGraph, rewrite: (node: ProcessGraphNode) => ProcessGraphNode): ProcessGraph {
  return Object.fromEntries(Object.entries(graph).map(([nodeId, node]) => {
    const copy: ProcessGraphNode = { ...node, arguments: rewriteValue(node.arguments ?? {}, rewrite) as Record<string, unknown> };
    return [nodeId, rewrite(copy)];
  }));
}
