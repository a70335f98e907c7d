/** Lexical tokens of the band-math language; operators are normalised to ASCII (`×`→`*`, `÷`→`/`, `−`→`-`). */
export type Operator = '+' | '-' | '*' | '/';

export type Token =
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly position: number }
  | { readonly type: 'identifier'; readonly name: string; readonly position: number }
  | { readonly type: 'operator'; readonly op: Operator; readonly text: string; readonly position: number }
  | { readonly type: '(' | ')' | ','; readonly position: number }
  | { readonly type: 'end'; readonly position: number };

/** How a token reads in an error message: `')'`, `number '2.5'`, `identifier 'nir'`, `end of expression`. */
export function describeToken(token: Token): string {
  switch (token.type) {
    case 'number': return `number '${token.text}'`;
    case 'identifier': return `identifier '${token.name}'`;
    case 'operator': return `'${token.text}'`;
    case 'end': return 'end of expression';
    default: return `'${token.type}'`;
  }
}
