/**
 * One scene's expression on a target tile grid: every band read (or warped) onto the grid as
 * reflectance — DN × scale + offset, NaN for nodata — the expression evaluated over them, and the
 * cloud mask (SCL classes or QA_PIXEL bits, always nearest) applied as NaN.
 */
import { applyInvalidMask, landsatQaInvalidMask, sclInvalidMask } from '../../lib/masks';
import { applyRadiometry } from '../../lib/radiometry';
import type { RasterGrid } from '../../lib/raster-types';
import { bandOnGrid, type ReadContext } from '../grid/band-on-grid';
import { latticeOffset } from '../grid/grid-relation';
import { compiledExpression, type Compiled } from './compiled-expressions';
import { normalizedDifferenceOfDn, type NormalizedDifference } from './normalized-difference';
import type { MaskBand, ReflectanceBand, SceneRecipe } from '../../protocol/scene-recipe';
import { giveBack, takeFloat32 } from './scratch';

/** The two bands of an (a − b) / (a + b) expression, when both lie on the target's own lattice. */
function alignedPair(recipe: SceneRecipe, nd: NormalizedDifference | null, target: RasterGrid): [ReflectanceBand, ReflectanceBand] | null {
  if (!nd) return null;
  const [a, b] = [recipe.bands[nd.a], recipe.bands[nd.b]];
  return a && b && latticeOffset(target, a.grid) && latticeOffset(target, b.grid) ? [a, b] : null;
}

/** NDVI and the like, the output grid being the bands' own: straight from the DN in one pass. */
async function fusedNormalizedDifference([a, b]: [ReflectanceBand, ReflectanceBand], target: RasterGrid, io: ReadContext): Promise<Float32Array> {
  const [dnA, dnB] = await Promise.all([bandOnGrid(a, target, 'nearest', io), bandOnGrid(b, target, 'nearest', io)]);
  const out = normalizedDifferenceOfDn(dnA, a.scaling, dnB, b.scaling, takeFloat32(target.width * target.height));
  giveBack(dnA, dnB);
  return out;
}

async function generic(recipe: SceneRecipe, expression: Compiled, target: RasterGrid, io: ReadContext): Promise<Float32Array> {
  const names = expression.names;
  const bands = await Promise.all(names.map((name) => {
    const band = recipe.bands[name];
    if (!band) throw new Error(`expression identifier '${name}' has no band in the recipe`);
    return bandOnGrid(band, target, 'bilinear', io, (raw) => applyRadiometry(raw, band.scaling, raw));
  }));
  const inputs: Record<string, Float32Array> = {};
  names.forEach((name, i) => { inputs[name] = bands[i]; });
  // The inputs go back to the pool; the output leaves it (the caller transfers or gives it back).
  const values = expression.evaluate(inputs, takeFloat32(target.width * target.height));
  giveBack(...bands);
  return values;
}

async function invalidMask(mask: MaskBand, target: RasterGrid, io: ReadContext): Promise<Uint8Array> {
  const values = await bandOnGrid(mask, target, 'nearest', io);
  const invalid = mask.kind === 'scl' ? sclInvalidMask(values, target, target, mask.invalidClasses) : landsatQaInvalidMask(values, { invalidBits: mask.invalidBits });
  giveBack(values);
  return invalid;
}

export async function evaluateScene(recipe: SceneRecipe, target: RasterGrid, io: ReadContext): Promise<Float32Array> {
  const expression = compiledExpression(recipe.expression);
  const pair = alignedPair(recipe, expression.nd, target);
  const [values, mask] = await Promise.all([
    pair ? fusedNormalizedDifference(pair, target, io) : generic(recipe, expression, target, io),
    recipe.mask ? invalidMask(recipe.mask, target, io) : Promise.resolve(null),
  ]);
  return mask ? applyInvalidMask(values, mask) : values;
}
