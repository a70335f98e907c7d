/** The code blocks of a README section, read from the README itself (so tests run what users read). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface CodeBlock {
  lang: string;
  code: string;
}

/** The text under `## <title>` up to the next `## ` heading; throws when the section is missing. */
export function readmeSection(title: string, file = join(REPO_ROOT, 'README.md')): string {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const rest = text.slice(start + 1);
  const end = rest.indexOf('\n## ', 3);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Fenced code blocks in order, with their language tag. */
export function codeBlocks(markdown: string): CodeBlock[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ lang: match[1], code: match[2] }));
}

/** The one block of `lang` whose code contains `marker`; throws unless exactly one does. */
export function block(blocks: CodeBlock[], lang: string, marker = ''): string {
  const found = blocks.filter((b) => b.lang === lang && b.code.includes(marker));
  if (found.length !== 1) throw new Error(`expected one \`\`\`${lang} block containing "${marker}", found ${found.length}`);
  return found[0].code;
}
