/**
 * Handlers of the per-pixel processes: reduce_dimension over `bands` (band math or ASTRA's cloud
 * masks), ndvi, mask (cloud masks; the change class), apply (folded into the band math where it
 * gives the same pixels; the change class's pieces). Pure.
 */
import { variables, type ExpressionNode } from '../../../../../workers/lib/expression';
import { QA_MODULUS, SCL_INVALID_CLASSES } from '../cloud-masks';
import { canonicalText } from '../expression-text';
import { unwrapHls } from '../hls-lines';
import { reducerBelow, substitute } from './apply-folding';
import { APPLY_VARIABLE, applyFunctionOf, bandMathOf, cloudMaskOf, isSign, withinThresholdOf } from './callback-shapes';
import { wrongInput, type Handler, type NodeContext } from './interpret-graph';
import { checkBands, observationsInput } from './load-handlers';
import { fingerprint, type Observations, type Selection, type Sym } from './symbols';

/** Processes that make a reducer a per-pixel test rather than band math. */
const TESTS = ['or', 'eq', 'neq', 'lt', 'lte', 'mod'];

function combineHls(ctx: NodeContext, values: Array<boolean | null>): boolean | null {
  const given = new Set(values.filter((v): v is boolean => v !== null));
  if (given.size > 1) throw ctx.unsupported('the HLS adjustment is applied to some Landsat bands or collections and not to others; ASTRA harmonizes all Landsat OLI bands or none');
  return given.size === 1 ? [...given][0] : null;
}

/** The observations with one computed value; HLS adjustments of Landsat bands recognised and removed. */
export function withExpression(ctx: NodeContext, data: Observations, ast: ExpressionNode): Observations {
  const perCollection = data.sel.collections.map((c) => ({ c, ...unwrapHls(ast, c, (message) => ctx.unsupported(message)) }));
  const texts = new Set(perCollection.map((r) => canonicalText(r.ast)));
  if (texts.size > 1) throw ctx.unsupported('the band math means different things for the merged collections (HLS-adjusted for some, not for others); compute it before merge_cubes');
  const value = perCollection[0].ast;
  const names = variables(value);
  const loaded = data.value.kind === 'bands' ? data.value.bands : null;
  const missing = loaded ? names.find((name) => !loaded.includes(name)) : undefined;
  if (missing !== undefined) throw ctx.invalid('data', `the band math reads '${missing}', which is not in the cube (its bands: ${(loaded as string[]).join(', ')})`);
  checkBands(ctx, 'reducer', data.sel.collections, names);
  const hls = combineHls(ctx, [data.sel.hls, ...perCollection.map((r) => r.hls)]);
  return { ...data, sel: { ...data.sel, hls }, value: { kind: 'expression', ast: value } };
}

function rawBands(ctx: NodeContext): Observations & { value: { kind: 'bands' } } {
  const data = observationsInput(ctx);
  if (data.value.kind !== 'bands') throw ctx.unsupported('band math on a computed value; compute all band math in one step over the loaded bands');
  return data as Observations & { value: { kind: 'bands' } };
}

export function reduceBands(ctx: NodeContext): Sym {
  const data = rawBands(ctx);
  const loaded = data.value.bands;
  const labelOf = (index: number) => loaded?.[index];
  const tree = ctx.callback('reducer');
  const band = cloudMaskOf(tree, labelOf);
  if (band) {
    const other = data.sel.collections.find((c) => c.maskBand !== band);
    if (other) throw ctx.unsupported(`the ${band} cloud mask on ${other.id}, whose cloud mask band is ${other.maskBand}`);
    if (loaded && !loaded.includes(band)) throw ctx.invalid('reducer', `reads ${band}, which is not in the cube (its bands: ${loaded.join(', ')})`);
    return { t: 'cloud-mask', sel: data.sel, band };
  }
  if (tree.k === 'call' && TESTS.includes(tree.process)) {
    throw ctx.unsupported(`the reducer is a test (${tree.process}); the only per-pixel tests the local engine runs are ASTRA's cloud masks: SCL classes ${SCL_INVALID_CLASSES.join(', ')} (or of eq) and neq(mod(QA_PIXEL, ${QA_MODULUS}), 0)`);
  }
  return withExpression(ctx, data, bandMathOf(tree, labelOf, (message) => ctx.unsupported(`the reducer: ${message}`)));
}

const ndvi: Handler = (ctx) => {
  const data = rawBands(ctx);
  if (ctx.has('target_band')) throw ctx.unsupported('ndvi with target_band keeps the bands; ASTRA computes the index as the only value');
  const name = (argument: string, fallback: string): string => {
    const value = ctx.literal(argument) ?? fallback;
    if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) throw ctx.invalid(argument, 'must be a band name of letters, digits and _');
    return value;
  };
  const nir: ExpressionNode = { kind: 'variable', name: name('nir', 'nir'), position: 0 };
  const red: ExpressionNode = { kind: 'variable', name: name('red', 'red'), position: 0 };
  const ast: ExpressionNode = {
    kind: 'binary', op: '/', position: 0,
    left: { kind: 'binary', op: '-', left: nir, right: red, position: 0 },
    right: { kind: 'binary', op: '+', left: nir, right: red, position: 0 },
  };
  return withExpression(ctx, data, ast);
};

const sceneOf = (sel: Selection) => fingerprint({ collections: sel.collections, scene: sel.scene });

const mask: Handler = (ctx) => {
  const data = ctx.input('data');
  const cloud = ctx.input('mask');
  const replacement = ctx.literal('replacement');
  if (data.t === 'change-sign' && cloud.t === 'change-within') {
    if (replacement !== 0) throw ctx.unsupported('the change class replaces |difference| ≤ threshold by 0 (replacement: 0)');
    if (fingerprint(data.of) !== fingerprint(cloud.of)) throw ctx.unsupported('the sign and the threshold test come from different differences');
    return { t: 'change-class', of: data.of, threshold: cloud.threshold, label: null };
  }
  if (replacement !== undefined && replacement !== null) throw ctx.unsupported('mask with a replacement value; ASTRA masks to no-data');
  if (cloud.t !== 'cloud-mask') {
    throw wrongInput(ctx, 'mask', cloud, "ASTRA's cloud mask (reduce_dimension over bands: SCL classes 0, 1, 3, 8, 9, 10 with eq/or, or neq(mod(QA_PIXEL, 32), 0))");
  }
  if (data.t !== 'observations') throw wrongInput(ctx, 'data', data, 'the observations (mask clouds before reducing over time)');
  if (sceneOf(data.sel) !== sceneOf(cloud.sel)) throw ctx.unsupported('the cloud mask comes from other collections or scenes than the data');
  return { ...data, sel: { ...data.sel, masked: true } };
};

/** The observations with `apply`'s f folded into their value. */
function appliedObservations(ctx: NodeContext, data: Observations, f: ExpressionNode, variable: string): Observations {
  if (data.value.kind === 'expression') return { ...data, value: { kind: 'expression', ast: substitute(f, variable, data.value.ast) } };
  const { bands } = data.value;
  if (!bands || bands.length !== 1) throw ctx.unsupported('apply to several bands; the local engine applies functions to one value per pixel (compute an index or band math first, or keep one band)');
  return withExpression(ctx, data, substitute(f, variable, { kind: 'variable', name: bands[0], position: 0 }));
}

const apply: Handler = (ctx) => {
  const data = ctx.input('data');
  if (ctx.has('context')) throw ctx.unsupported('apply with a context');
  const tree = ctx.callback('process');
  if (data.t === 'difference') {
    if (isSign(tree)) return { t: 'change-sign', of: data };
    const threshold = withinThresholdOf(tree);
    if (threshold !== undefined) return { t: 'change-within', of: data, threshold };
    throw ctx.unsupported('apply on a difference: the local engine builds only the change class from it (sgn(x), and lte(absolute(x), threshold))');
  }
  const f = applyFunctionOf(tree, (message) => ctx.unsupported(`the process: ${message}`));
  const variable = APPLY_VARIABLE;
  if (!variables(f).includes(variable)) throw ctx.unsupported('the process does not read x: it would replace every value by a constant');
  if (data.t === 'observations') return appliedObservations(ctx, data, f, variable);
  if (data.t === 'reduced' || data.t === 'periods') {
    const below = reducerBelow(data.reducer, f, variable);
    if ('reason' in below) throw ctx.unsupported(`apply after ${data.reducer} over time: ${below.reason}; apply it to the observations before reducing`);
    const of = appliedObservations(ctx, data.of, f, variable);
    return data.t === 'reduced' ? { ...data, of, reducer: below.reducer } : { ...data, of, reducer: below.reducer as typeof data.reducer };
  }
  throw wrongInput(ctx, 'data', data, 'observations or a cube reduced over time');
};

export const BAND_HANDLERS: Readonly<Record<string, Handler>> = { ndvi, mask, apply };
