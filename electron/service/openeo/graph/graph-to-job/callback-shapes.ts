/**
 * The callback shapes the local engine runs, recognised in callback trees: temporal/area
 * reducers, ASTRA's cloud masks, band math, `apply` functions, the change tail's pieces and the
 * `load_collection` property filters. Pure.
 */
import type { ExpressionNode } from '../../../../../workers/lib/expression';
import { QA_MODULUS, SCL_INVALID_CLASSES, type MaskBand } from '../cloud-masks';
import { isAbsentOr, isCall, isParam, numberOf, type CallbackTree } from './callback-tree';
import { treeToExpression } from './tree-to-expression';

/** `<name>(data)` with default options, for one of `allowed`; undefined otherwise. */
export function reducerOf<T extends string>(tree: CallbackTree, allowed: readonly T[]): T | undefined {
  if (tree.k !== 'call' || !(allowed as readonly string[]).includes(tree.process) || !isParam(tree.args.data, 'data')) return undefined;
  const extra = Object.keys(tree.args).filter((name) => name !== 'data');
  const defaults = extra.every((name) => (name === 'ignore_nodata' && isAbsentOr(tree.args[name], true)) || (name === 'condition' && isAbsentOr(tree.args[name], null)));
  return defaults ? (tree.process as T) : undefined;
}

/** The band label an `array_element(data, label | index)` reads; undefined when it is not one. */
export function bandOf(tree: CallbackTree, labelOf: (index: number) => string | undefined): string | undefined {
  if (!isCall(tree, 'array_element') || !isParam(tree.args.data, 'data') || !isAbsentOr(tree.args.return_nodata, false)) return undefined;
  const { label, index } = tree.args;
  if (label?.k === 'value' && typeof label.value === 'string' && index === undefined) return label.value;
  const i = numberOf(index);
  return i !== undefined && Number.isInteger(i) && label === undefined ? labelOf(i) : undefined;
}

function orLeaves(tree: CallbackTree): CallbackTree[] {
  return isCall(tree, 'or') && tree.args.x && tree.args.y ? [...orLeaves(tree.args.x), ...orLeaves(tree.args.y)] : [tree];
}

/** `eq(band, n)` (either order) → [band, n]. */
function equality(tree: CallbackTree, labelOf: (index: number) => string | undefined): [string, number] | undefined {
  if (!isCall(tree, 'eq') || !isAbsentOr(tree.args.delta, null) || !isAbsentOr(tree.args.case_sensitive, true)) return undefined;
  const { x, y } = tree.args;
  if (!x || !y) return undefined;
  const band = bandOf(x, labelOf) ?? bandOf(y, labelOf);
  const value = numberOf(x) ?? numberOf(y);
  return band !== undefined && value !== undefined ? [band, value] : undefined;
}

/** ASTRA's cloud mask (SCL classes 0, 1, 3, 8, 9, 10 or QA_PIXEL bits 0–4), or undefined. */
export function cloudMaskOf(tree: CallbackTree, labelOf: (index: number) => string | undefined): MaskBand | undefined {
  const leaves = orLeaves(tree).map((leaf) => equality(leaf, labelOf));
  if (leaves.length > 0 && leaves.every((leaf) => leaf?.[0] === 'SCL')) {
    const classes = new Set(leaves.map((leaf) => (leaf as [string, number])[1]));
    const expected = new Set(SCL_INVALID_CLASSES);
    return classes.size === expected.size && [...classes].every((c) => expected.has(c)) ? 'SCL' : undefined;
  }
  if (isCall(tree, 'neq') && tree.args.x && tree.args.y && isAbsentOr(tree.args.delta, null) && isAbsentOr(tree.args.case_sensitive, true)) {
    const [modulo, zero] = isCall(tree.args.x, 'mod') ? [tree.args.x, tree.args.y] : [tree.args.y, tree.args.x];
    if (isCall(modulo, 'mod') && numberOf(zero) === 0 && numberOf(modulo.args.y) === QA_MODULUS && modulo.args.x && bandOf(modulo.args.x, labelOf) === 'QA_PIXEL') {
      return 'QA_PIXEL';
    }
  }
  return undefined;
}

/** Band math over the `data` labels (array_element by label or index). */
export function bandMathOf(tree: CallbackTree, labelOf: (index: number) => string | undefined, fail: (message: string) => Error): ExpressionNode {
  return treeToExpression(tree, (t) => {
    if (isCall(t, 'array_element')) {
      const band = bandOf(t, labelOf);
      if (band === undefined) throw fail(`array_element (node '${t.node}') must read one band of data by label (or by index of known bands)`);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(band)) throw fail(`band label '${band}' cannot be named in ASTRA band math (letters, digits and _ only)`);
      return { kind: 'variable', name: band, position: 0 };
    }
    if (t.k === 'param') throw fail(`band math reads parameter '${t.name}' as a whole; read single bands with array_element`);
    return undefined;
  }, fail);
}

/** The variable standing for `apply`'s x in a function read from a graph (no band can be named so). */
export const APPLY_VARIABLE = ' x';

export function applyFunctionOf(tree: CallbackTree, fail: (message: string) => Error): ExpressionNode {
  return treeToExpression(tree, (t) => {
    if (isParam(t, 'x')) return { kind: 'variable', name: APPLY_VARIABLE, position: 0 };
    if (t.k === 'param') throw fail(`the process reads parameter '${t.name}'; only x is supported`);
    return undefined;
  }, fail);
}

/** `subtract(x, y)` → 'x-y' (cube1 − cube2), `subtract(y, x)` → 'y-x'. */
export function subtractionOf(tree: CallbackTree): 'x-y' | 'y-x' | undefined {
  if (!isCall(tree, 'subtract')) return undefined;
  if (isParam(tree.args.x, 'x') && isParam(tree.args.y, 'y')) return 'x-y';
  if (isParam(tree.args.x, 'y') && isParam(tree.args.y, 'x')) return 'y-x';
  return undefined;
}

export function isSign(tree: CallbackTree): boolean {
  return isCall(tree, 'sgn') && isParam(tree.args.x, 'x');
}

/** `lte(absolute(x), threshold)` → threshold. */
export function withinThresholdOf(tree: CallbackTree): number | undefined {
  if (!isCall(tree, 'lte') || !tree.args.x || !isCall(tree.args.x, 'absolute') || !isParam(tree.args.x.args.x, 'x')) return undefined;
  const threshold = numberOf(tree.args.y);
  return threshold !== undefined && threshold >= 0 ? threshold : undefined;
}

/** The `eo:cloud_cover` filter `lt(value, n)` → n. */
export function cloudCoverLtOf(tree: CallbackTree): number | undefined {
  return isCall(tree, 'lt') && isParam(tree.args.x, 'value') ? numberOf(tree.args.y) : undefined;
}

/** The `id` filter `eq(value, "item id")` (either order) → the id. */
export function idFilterOf(tree: CallbackTree): string | undefined {
  if (!isCall(tree, 'eq') || !isAbsentOr(tree.args.delta, null) || !isAbsentOr(tree.args.case_sensitive, true)) return undefined;
  const other = isParam(tree.args.x, 'value') ? tree.args.y : isParam(tree.args.y, 'value') ? tree.args.x : undefined;
  return other?.k === 'value' && typeof other.value === 'string' ? other.value : undefined;
}
