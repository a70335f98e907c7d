/**
 * Memoizes a pure string → value function. Upstream pages repeat the same few dozen asset keys
 * and media types on every item, so this saves regex and case-folding work per asset; the table
 * is bounded because the strings come from untrusted upstream JSON.
 */
export function memoizeString<T>(fn: (text: string) => T, maxEntries = 4096): (text: string) => T {
  const table = new Map<string, T>();
  return (text: string): T => {
    const hit = table.get(text);
    if (hit !== undefined || table.has(text)) return hit as T;
    if (table.size >= maxEntries) table.clear();
    const value = fn(text);
    table.set(text, value);
    return value;
  };
}
