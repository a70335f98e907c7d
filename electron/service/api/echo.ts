/**
 * A client's input as it may appear inside an error message: short (a megabyte-long parameter
 * is never sent back), and safe to build from any value — deeply nested arrays included, which
 * JSON.stringify would recurse through until the stack overflows. Pure.
 */

/** Longest echo of a client value, in characters. */
export const ECHO_LIMIT = 100;

/** `text` cut to `max` characters, with `…` and the original length when it was cut. */
export function echo(text: string, max = ECHO_LIMIT): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters)`;
}

/** A short JSON-like rendering of any value, built without deep recursion and cut at `max` characters. */
export function echoValue(value: unknown, max = ECHO_LIMIT): string {
  let out = '';
  const write = (piece: string) => {
    out += piece;
    return out.length > max;
  };
  const visit = (v: unknown, depth: number): boolean => {
    if (Array.isArray(v)) {
      if (depth >= 6) return write('[…]');
      if (write('[')) return true;
      for (let i = 0; i < v.length; i += 1) {
        if ((i > 0 && write(',')) || visit(v[i], depth + 1)) return true;
      }
      return write(']');
    }
    if (typeof v === 'object' && v !== null) {
      if (depth >= 6) return write('{…}');
      if (write('{')) return true;
      let first = true;
      for (const key of Object.keys(v)) {
        if ((!first && write(',')) || write(`${JSON.stringify(echo(key, max))}:`) || visit((v as Record<string, unknown>)[key], depth + 1)) return true;
        first = false;
      }
      return write('}');
    }
    if (typeof v === 'string') return write(JSON.stringify(echo(v, max)));
    return write(v === undefined ? 'undefined' : typeof v === 'bigint' ? `${v}` : String(JSON.stringify(v) ?? v));
  };
  visit(value, 0);
  return out.length > max ? `${out.slice(0, max)}…` : out;
}
