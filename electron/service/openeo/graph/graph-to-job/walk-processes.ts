/**
 * Refuses, before anything else, every process the local engine does not execute — anywhere in
 * the graph, callbacks included (js-processgraphs reports an unknown process inside a callback only
 * as an invalid argument of its parent). Unreadable structure is left to validation. Pure.
 */
import { isCallback, isPlainObject } from '../graph-json';
import { OpenEoError, REMOTE_HINT } from '../openeo-error';
import { LOCAL_PROCESS_IDS } from '../vendored-processes';

const MAX_DEPTH = 100;

function walkArgument(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (isCallback(value)) {
    walkGraph(value.process_graph, depth + 1);
  } else if (Array.isArray(value)) {
    for (const item of value) walkArgument(item, depth + 1);
  } else if (isPlainObject(value)) {
    for (const item of Object.values(value)) walkArgument(item, depth + 1);
  }
}

function walkGraph(nodes: Record<string, unknown>, depth: number): void {
  for (const [id, node] of Object.entries(nodes)) {
    if (!isPlainObject(node) || typeof node.process_id !== 'string') continue;
    const namespace = typeof node.namespace === 'string' && node.namespace !== '' ? node.namespace : null;
    if (namespace !== null || !LOCAL_PROCESS_IDS.has(node.process_id)) {
      const where = namespace ? ` in namespace '${namespace}'` : '';
      throw new OpenEoError('ProcessUnsupported', `Process '${node.process_id}'${where} (node '${id}') is not available on the local back-end, which executes ${[...LOCAL_PROCESS_IDS].join(', ')}; ${REMOTE_HINT}.`);
    }
    if (isPlainObject(node.arguments)) for (const argument of Object.values(node.arguments)) walkArgument(argument, depth);
  }
}

/** Throws ProcessUnsupported naming the first process (in node order) the local engine lacks. */
export function refuseUnsupportedProcesses(processGraph: Record<string, unknown>): void {
  walkGraph(processGraph, 0);
}

/** Every process id a graph uses, callbacks included, sorted (e.g. to check a remote back-end offers them). */
export function usedProcessIds(processGraph: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  const visit = (nodes: Record<string, unknown>): void => {
    for (const node of Object.values(nodes)) {
      if (!isPlainObject(node) || typeof node.process_id !== 'string') continue;
      ids.add(node.process_id);
      const stack: unknown[] = isPlainObject(node.arguments) ? Object.values(node.arguments) : [];
      while (stack.length > 0) {
        const value = stack.pop();
        if (isCallback(value)) visit(value.process_graph);
        else if (Array.isArray(value)) stack.push(...value);
        else if (isPlainObject(value)) stack.push(...Object.values(value));
      }
    }
  };
  visit(processGraph);
  return [...ids].sort();
}
