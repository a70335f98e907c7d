/** The functions the language knows; names are matched case-insensitively (`MAX(...)` works). */
export type FunctionName = 'min' | 'max' | 'abs' | 'sqrt';

export interface FunctionSpec {
  readonly minArgs: number;
  readonly maxArgs: number;
}

export const FUNCTIONS: Readonly<Record<FunctionName, FunctionSpec>> = {
  min: { minArgs: 1, maxArgs: Infinity },
  max: { minArgs: 1, maxArgs: Infinity },
  abs: { minArgs: 1, maxArgs: 1 },
  sqrt: { minArgs: 1, maxArgs: 1 },
};

export function lookupFunction(name: string): FunctionName | undefined {
  const lower = name.toLowerCase();
  return Object.hasOwn(FUNCTIONS, lower) ? (lower as FunctionName) : undefined;
}
