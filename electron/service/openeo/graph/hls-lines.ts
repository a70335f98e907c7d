/**
 * `harmonize: "hls"` inside process graphs: each Landsat 8/9 OLI band a value reads is adjusted to
 * Sentinel-2A MSI before the math, `x · slope + offset` with the engine's own coefficients
 * (workers/lib/cube/hls-harmonize.ts, target 'msi'); Sentinel-2 bands stay as they are. Written by
 * the job → graph side, recognised (and removed) by the graph → job side. Pure.
 */
import type { ExpressionNode } from '../../../../workers/lib/expression';
import { hlsAdjustment } from '../../../../workers/lib/cube/hls-harmonize';
import type { LinearLine } from './band-math-graph';
import { commonNameOf, type LocalCollection } from './local-collections';

/** The adjustment of one variable (asset or common name) of a collection's scenes, or null. */
export function hlsLineFor(collection: LocalCollection, variable: string): LinearLine | null {
  if (collection.sensor !== 'landsat-oli') return null;
  const band = commonNameOf(collection, variable) ?? variable;
  const line = hlsAdjustment('landsat-8', band, 'msi');
  return line ? { slope: line.slope, offset: line.offset } : null;
}

export interface Unwrapped {
  ast: ExpressionNode;
  /** true: every adjustable band was adjusted; false: none was; null: nothing to adjust. */
  hls: boolean | null;
}

/**
 * Removes the HLS adjustments `v · slope + offset` (exact coefficients) around the variables of
 * band math read from a graph. Throws when some adjustable bands are adjusted and others not.
 */
export function unwrapHls(ast: ExpressionNode, collection: LocalCollection, fail: (message: string) => Error): Unwrapped {
  let wrapped = 0;
  let bare = 0;
  const visit = (node: ExpressionNode): ExpressionNode => {
    switch (node.kind) {
      case 'variable':
        if (hlsLineFor(collection, node.name)) bare++;
        return node;
      case 'number': return node;
      case 'negate': return { ...node, operand: visit(node.operand) };
      case 'call': return { ...node, args: node.args.map(visit) };
      case 'binary': {
        const inner = node.left;
        if (node.op === '+' && node.right.kind === 'number' && inner.kind === 'binary' && inner.op === '*'
          && inner.left.kind === 'variable' && inner.right.kind === 'number') {
          const line = hlsLineFor(collection, inner.left.name);
          if (line && line.slope === inner.right.value && line.offset === node.right.value) {
            wrapped++;
            return inner.left;
          }
        }
        return { ...node, left: visit(node.left), right: visit(node.right) };
      }
    }
  };
  const result = visit(ast);
  if (wrapped > 0 && bare > 0) {
    throw fail(`collection ${collection.id}: some bands carry the HLS adjustment and others do not; harmonize all Landsat OLI bands or none`);
  }
  return { ast: result, hls: wrapped > 0 ? true : bare > 0 ? false : null };
}
