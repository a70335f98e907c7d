/**
 * Writes process graphs node by node with deterministic ids (`<process_id><n>`, numbered per
 * process in order of creation), one writer per graph or callback. Pure.
 */
import type { FromNode, FromParameter, OpenEoProcess, ProcessGraphNodes } from './graph-json';

export class GraphWriter {
  private readonly nodes: ProcessGraphNodes = {};
  private readonly counters = new Map<string, number>();

  add(processId: string, args: Record<string, unknown>): FromNode {
    const n = (this.counters.get(processId) ?? 0) + 1;
    this.counters.set(processId, n);
    const id = `${processId}${n}`;
    this.nodes[id] = { process_id: processId, arguments: withoutUndefined(args) };
    return { from_node: id };
  }

  /** The finished process with `result` marked on `node`. */
  finish(node: FromNode): OpenEoProcess {
    const result = this.nodes[node.from_node];
    if (!result) throw new Error(`no node ${node.from_node} in this graph`);
    result.result = true;
    return { process_graph: this.nodes };
  }
}

/** A callback (child process graph) built by `build` with its own writer. */
export function callback(build: (writer: GraphWriter) => FromNode): OpenEoProcess {
  const writer = new GraphWriter();
  return writer.finish(build(writer));
}

export function parameter(name: string): FromParameter {
  return { from_parameter: name };
}

function withoutUndefined(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
}
