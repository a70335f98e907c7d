/** Band-math expressions: parse text to an AST (never eval), list its variables, compile it over typed arrays. */
export { parseExpression } from './parser';
export { variables, type ExpressionNode } from './ast';
export { compileExpression } from './compile-vectorised';
export { compileExpressionPerPixel } from './compile-per-pixel';
export type { BandInputs, CompiledExpression } from './bind-inputs';
export { ExpressionError, isExpressionError, type ExpressionErrorKind } from './errors';
export { FUNCTIONS, type FunctionName } from './functions';
