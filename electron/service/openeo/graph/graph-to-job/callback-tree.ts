/**
 * A callback (child process graph: a reducer, `apply`'s process, an overlap resolver, a property
 * filter) read into one expression tree from its result node, for the recognisers to match.
 * Node references become the referenced subtree; `{from_parameter}` a parameter leaf. Pure.
 */
import { isCallback, isFromNode, isFromParameter, isPlainObject } from '../graph-json';
import { featureUnsupported, graphInvalid, OpenEoError } from '../openeo-error';

export type CallbackTree =
  | { k: 'value'; value: number | string | boolean | null }
  | { k: 'param'; name: string }
  | { k: 'array'; items: CallbackTree[] }
  | { k: 'call'; process: string; args: Record<string, CallbackTree>; node: string };

const MAX_DEPTH = 200;
/** Operations a callback may expand to (a named index has under 20). */
const MAX_EXPANDED_SIZE = 2000;

/** Reads the callback of argument `argument` of node `owner` (for messages). */
export function readCallback(value: unknown, owner: string, argument: string): CallbackTree {
  if (!isCallback(value)) throw graphInvalid(`node '${owner}': argument '${argument}' must be a process (an object with a process_graph)`);
  const nodes = value.process_graph;
  const results = Object.keys(nodes).filter((id) => isPlainObject(nodes[id]) && nodes[id].result === true);
  if (results.length !== 1) throw graphInvalid(`node '${owner}': the process in '${argument}' must have exactly one result node, has ${results.length}`);
  const visiting = new Set<string>();
  // Shared nodes become shared subtrees; their expanded size is bounded (a chain of nodes each
  // reading the previous twice would otherwise expand exponentially).
  const read = new Map<string, { tree: CallbackTree; size: number }>();
  const sizeOf = (tree: CallbackTree): number => {
    if (tree.k === 'call') return read.get(tree.node)?.size ?? 1;
    return tree.k === 'array' ? 1 + tree.items.reduce((sum, item) => sum + sizeOf(item), 0) : 1;
  };

  const readArgument = (raw: unknown, at: string, depth: number): CallbackTree => {
    if (depth > MAX_DEPTH) throw new OpenEoError('ProcessGraphComplexity', `node '${owner}': the process in '${argument}' is nested more than ${MAX_DEPTH} deep; the local back-end takes smaller band math.`);
    if (isFromNode(raw)) return readNode(raw.from_node, depth + 1);
    if (isFromParameter(raw)) return { k: 'param', name: raw.from_parameter };
    if (Array.isArray(raw)) return { k: 'array', items: raw.map((item) => readArgument(item, at, depth + 1)) };
    if (raw === null || typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') return { k: 'value', value: raw };
    if (isCallback(raw)) throw featureUnsupported(`node '${owner}': '${argument}' at ${at} holds a process inside the process; the local back-end reads no nested callbacks here`);
    throw featureUnsupported(`node '${owner}': '${argument}' at ${at} holds an object; the local back-end reads numbers, band labels and node references here`);
  };

  const readNode = (id: string, depth: number): CallbackTree => {
    const known = read.get(id);
    if (known) return known.tree;
    const node = nodes[id];
    if (!isPlainObject(node) || typeof node.process_id !== 'string') throw graphInvalid(`node '${owner}': the process in '${argument}' references missing node '${id}'`);
    if (visiting.has(id)) throw graphInvalid(`node '${owner}': the process in '${argument}' has a cycle through node '${id}'`);
    visiting.add(id);
    const args: Record<string, CallbackTree> = {};
    const raw = isPlainObject(node.arguments) ? node.arguments : {};
    for (const [name, value] of Object.entries(raw)) args[name] = readArgument(value, `${id}.${name}`, depth);
    visiting.delete(id);
    const tree: CallbackTree = { k: 'call', process: node.process_id, args, node: id };
    const size = 1 + Object.values(args).reduce((sum, arg) => sum + sizeOf(arg), 0);
    if (size > MAX_EXPANDED_SIZE) {
      throw new OpenEoError('ProcessGraphComplexity', `node '${owner}': the process in '${argument}' expands to more than ${MAX_EXPANDED_SIZE} operations; the local back-end takes smaller band math.`);
    }
    read.set(id, { tree, size });
    return tree;
  };

  return readNode(results[0], 0);
}

export function isParam(tree: CallbackTree | undefined, name: string): boolean {
  return tree?.k === 'param' && tree.name === name;
}

export function numberOf(tree: CallbackTree | undefined): number | undefined {
  return tree?.k === 'value' && typeof tree.value === 'number' ? tree.value : undefined;
}

/** True when the argument is absent or one of the given literal values (its default). */
export function isAbsentOr(tree: CallbackTree | undefined, ...values: Array<number | string | boolean | null>): boolean {
  return tree === undefined || (tree.k === 'value' && values.includes(tree.value));
}

/** A call of `process`. */
export function isCall(tree: CallbackTree, process: string): tree is Extract<CallbackTree, { k: 'call' }> {
  return tree.k === 'call' && tree.process === process;
}

/** The process and node a tree comes from, for messages. */
export function describeTree(tree: CallbackTree): string {
  switch (tree.k) {
    case 'call': return `${tree.process} (node '${tree.node}')`;
    case 'param': return `parameter '${tree.name}'`;
    case 'array': return 'an array';
    case 'value': return JSON.stringify(tree.value);
  }
}
