/** Input checking shared by both evaluators: every variable present, every array the same length. */
export type BandInputs = Readonly<Record<string, Float32Array>>;

/** A compiled expression: reads the named Float32Array bands and writes one Float32Array. */
export interface CompiledExpression {
  (inputs: BandInputs, out?: Float32Array): Float32Array;
  /** The identifiers the expression reads, in order of first appearance. */
  readonly variables: readonly string[];
}

export interface BoundInputs {
  readonly arrays: Float32Array[];
  readonly length: number;
}

export function bindInputs(names: readonly string[], inputs: BandInputs, out: Float32Array | undefined): BoundInputs {
  const arrays = names.map((name) => {
    const array = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
    if (!array) throw new Error(`expression input '${name}' was not supplied`);
    return array;
  });
  const length = out?.length ?? arrays[0]?.length;
  if (length === undefined) {
    throw new Error('a constant expression needs an output array to know its length');
  }
  arrays.forEach((array, i) => {
    if (array.length !== length) {
      throw new Error(`expression input '${names[i]}' has ${array.length} values, expected ${length}`);
    }
  });
  return { arrays, length };
}
