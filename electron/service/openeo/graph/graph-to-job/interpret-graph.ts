/**
 * Evaluates a (validated) process graph symbolically from its result node: each node's handler
 * turns its inputs' symbolic values and its literal arguments into the node's value (symbols.ts).
 * Nodes that do not lead to the result are not evaluated. Pure.
 */
import { isFromNode, isFromParameter, isPlainObject, type ProcessGraphNodes } from '../graph-json';
import { featureUnsupported, graphInvalid, parameterInvalid, type OpenEoError } from '../openeo-error';
import { readCallback, type CallbackTree } from './callback-tree';
import { SYM_NAMES, type Sym } from './symbols';

export interface NodeContext {
  readonly id: string;
  readonly processId: string;
  /** True when the argument is given (and not null). */
  has(name: string): boolean;
  /** The symbolic value of a `{from_node}` argument. */
  input(name: string): Sym;
  /** A literal argument (no node or parameter references inside). */
  literal(name: string): unknown;
  callback(name: string): CallbackTree;
  /** FeatureUnsupported about this node. */
  unsupported(message: string): OpenEoError;
  /** ProcessParameterInvalid about an argument of this node. */
  invalid(argument: string, message: string): OpenEoError;
}

export type Handler = (ctx: NodeContext) => Sym;

function containsReference(value: unknown): boolean {
  if (isFromNode(value) || isFromParameter(value)) return true;
  if (Array.isArray(value)) return value.some(containsReference);
  if (isPlainObject(value) && !('process_graph' in value)) return Object.values(value).some(containsReference);
  return false;
}

export function interpretGraph(nodes: ProcessGraphNodes, handlers: Readonly<Record<string, Handler>>): Sym {
  const results = Object.keys(nodes).filter((id) => nodes[id]?.result === true);
  if (results.length !== 1) throw graphInvalid(`a process graph needs exactly one result node, this one has ${results.length}`);
  const values = new Map<string, Sym>();
  const evaluating = new Set<string>();

  const evaluate = (id: string): Sym => {
    const known = values.get(id);
    if (known) return known;
    const node = nodes[id];
    if (!node) throw graphInvalid(`node '${id}' is referenced but does not exist`);
    if (evaluating.has(id)) throw graphInvalid(`node '${id}' depends on itself`);
    evaluating.add(id);
    const handler = Object.hasOwn(handlers, node.process_id) ? handlers[node.process_id] : undefined;
    const ctx = context(id, node.process_id, isPlainObject(node.arguments) ? node.arguments : {}, evaluate);
    if (!handler) throw ctx.unsupported(`${node.process_id} on a data cube outside a callback is not a step the local engine runs`);
    const value = handler(ctx);
    evaluating.delete(id);
    values.set(id, value);
    return value;
  };
  return evaluate(results[0]);
}

function context(id: string, processId: string, args: Record<string, unknown>, evaluate: (id: string) => Sym): NodeContext {
  const where = `node '${id}' (${processId})`;
  const ctx: NodeContext = {
    id,
    processId,
    has: (name) => args[name] !== undefined && args[name] !== null,
    input(name) {
      const value = args[name];
      if (isFromParameter(value)) throw ctx.unsupported(`argument '${name}' is the process parameter '${value.from_parameter}'; the local back-end runs graphs without parameters — put the value in`);
      if (!isFromNode(value)) throw ctx.invalid(name, 'must be the result of another node ({"from_node": …})');
      return evaluate(value.from_node);
    },
    literal(name) {
      const value = args[name];
      if (containsReference(value)) throw ctx.unsupported(`argument '${name}' refers to a node or parameter; the local back-end takes a literal value there`);
      return value;
    },
    callback: (name) => readCallback(args[name], id, name),
    unsupported: (message) => featureUnsupported(`${where}: ${message}`),
    invalid: (argument, message) => parameterInvalid(`${where}, argument '${argument}': ${message}`),
  };
  return ctx;
}

/** A FeatureUnsupported saying what the node got instead of what it needs. */
export function wrongInput(ctx: NodeContext, argument: string, got: Sym, needs: string): OpenEoError {
  return ctx.unsupported(`'${argument}' is ${SYM_NAMES[got.t]}; here the local engine needs ${needs}`);
}
