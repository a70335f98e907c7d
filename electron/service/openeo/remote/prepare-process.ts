/**
 * Everything checked before a graph is submitted to a back-end, so that nothing is created there
 * that cannot run: one result node; every process the graph calls (callbacks included) offered by
 * the back-end's `/processes` (all pages) — else one error listing the missing ones; every
 * `save_result` format among its output `/file_formats`; collections and bands renamed to the
 * back-end's (collection-resolver.ts, map-process-graph.ts).
 */
import { AppError } from '../../api/errors';
import type { BackendCatalog } from './backend-catalog';
import { CollectionResolver } from './collection-resolver';
import { forEachNode, isProcessGraph, processIdsOf } from './graph-walk';
import { renameForBackend } from './map-process-graph';
import { RemoteOpenEoError } from './remote-errors';
import type { NameMapping, OpenEoProcess, ProcessGraph, RemoteBackend } from './types';

export interface PreparedProcess {
  /** The graph in the back-end's names, ready for `POST /jobs`. */
  process: OpenEoProcess;
  mapping: NameMapping;
}

function checkShape(process: OpenEoProcess): ProcessGraph {
  const graph = process?.process_graph;
  if (!isProcessGraph(graph) || Object.keys(graph).length === 0) throw new AppError('unprocessable', 'the job has no process graph to run remotely');
  const results = Object.values(graph).filter((node) => node.result === true).length;
  if (results !== 1) throw new AppError('unprocessable', `the process graph has ${results} result nodes; exactly one is needed`);
  return graph;
}

/** Process ids the back-end lacks; a process from another namespace counts as lacking too. */
export function missingProcesses(graph: ProcessGraph, offered: ReadonlySet<string>): string[] {
  const foreign = new Set<string>();
  forEachNode(graph, (node) => {
    if (node.namespace !== undefined && node.namespace !== null && node.namespace !== 'backend') foreign.add(`${node.process_id} (namespace ${node.namespace})`);
  });
  return [...processIdsOf(graph).filter((id) => !offered.has(id)), ...foreign];
}

function outputFormats(graph: ProcessGraph): string[] {
  const formats = new Set<string>();
  forEachNode(graph, (node) => {
    if (node.process_id === 'save_result' && typeof node.arguments?.format === 'string') formats.add(node.arguments.format);
  });
  return [...formats];
}

export async function prepareProcess(process: OpenEoProcess, catalog: BackendCatalog, backend: Pick<RemoteBackend, 'id' | 'collections'>, signal?: AbortSignal): Promise<PreparedProcess> {
  const graph = checkShape(process);
  const missing = missingProcesses(graph, await catalog.processIds(signal));
  if (missing.length) {
    throw new RemoteOpenEoError('unsupported_processes', backend.id, `${backend.id} does not offer the process${missing.length > 1 ? 'es' : ''} ${missing.join(', ')} that this job needs; run it locally or on another back-end`, { missing });
  }
  const formats = outputFormats(graph);
  if (formats.length) {
    const offered = await catalog.outputFormats(signal);
    const lacking = formats.filter((format) => !offered.has(format.toLowerCase()));
    if (lacking.length) {
      throw new RemoteOpenEoError('unsupported_format', backend.id, `${backend.id} cannot write ${lacking.join(', ')} (its output formats: ${[...offered].map((name) => name.toUpperCase()).join(', ') || 'none listed'})`);
    }
  }
  const resolved = await new CollectionResolver(catalog, backend).resolve(graph, signal);
  const renamed = renameForBackend(graph, resolved, backend.id);
  return { process: { ...process, process_graph: renamed.graph }, mapping: renamed.mapping };
}
