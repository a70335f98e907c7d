/**
 * One scene's expression on a target tile grid: every band read (or warped) onto the grid as
 * reflectance — DN × scale + offset, NaN for nodata — the expression evaluated over them, and the
 * cloud mask (SCL classes or QA_PIXEL bits, always nearest) applied as NaN.
 */
import { compileExpression, parseExpression, type CompiledExpression } from '../../lib/expression';
import { applyInvalidMask, landsatQaInvalidMask, sclInvalidMask } from '../../lib/masks';
import { applyRadiometry } from '../../lib/radiometry';
import type { RasterGrid } from '../../lib/raster-types';
import { bandOnGrid, type ReadContext } from '../grid/band-on-grid';
import { normalizedDifference, normalizedDifferenceOf } from './normalized-difference';
import type { MaskBand, SceneRecipe } from './scene-recipe';

interface Compiled {
  names: readonly string[];
  evaluate(inputs: Record<string, Float32Array>, out: Float32Array): Float32Array;
}

const compiled = new Map<string, Compiled>();

function compile(expression: string): Compiled {
  const ast = parseExpression(expression);
  const nd = normalizedDifferenceOf(ast);
  if (nd) return { names: [nd.a, nd.b], evaluate: (inputs, out) => normalizedDifference(inputs[nd.a], inputs[nd.b], out) };
  const fn: CompiledExpression = compileExpression(ast);
  return { names: fn.variables, evaluate: (inputs, out) => fn(inputs, out) };
}

function compiledExpression(expression: string): Compiled {
  let fn = compiled.get(expression);
  if (!fn) {
    fn = compile(expression);
    if (compiled.size > 64) compiled.clear();
    compiled.set(expression, fn);
  }
  return fn;
}

async function invalidMask(mask: MaskBand, target: RasterGrid, io: ReadContext): Promise<Uint8Array> {
  const values = await bandOnGrid(mask, target, 'nearest', io);
  if (mask.kind === 'scl') return sclInvalidMask(values, target, target, mask.invalidClasses);
  return landsatQaInvalidMask(values, { invalidBits: mask.invalidBits });
}

export async function evaluateScene(recipe: SceneRecipe, target: RasterGrid, io: ReadContext): Promise<Float32Array> {
  const expression = compiledExpression(recipe.expression);
  const names = expression.names;
  const [bands, mask] = await Promise.all([
    Promise.all(names.map((name) => {
      const band = recipe.bands[name];
      if (!band) throw new Error(`expression identifier '${name}' has no band in the recipe`);
      return bandOnGrid(band, target, 'bilinear', io, (raw) => applyRadiometry(raw, band.scaling, raw));
    })),
    recipe.mask ? invalidMask(recipe.mask, target, io) : Promise.resolve(null),
  ]);
  const inputs: Record<string, Float32Array> = {};
  names.forEach((name, i) => { inputs[name] = bands[i]; });
  const values = expression.evaluate(inputs, new Float32Array(target.width * target.height));
  return mask ? applyInvalidMask(values, mask) : values;
}
