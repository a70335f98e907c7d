/**
 * Finds what would break a clone in another folder or on another machine: a tracked file that
 * names an absolute path of the build machine (a user's home, root's home, a top-level work or
 * temp folder, a file URL with an empty host), the reference folder that sits beside the
 * repository on the build machine (`shared`, reached by a parent-folder path), or a relative path
 * that climbs above the repository's root. Pure over `{ path, text }`; `scanRepository` feeds it
 * the text files `git ls-files` lists. (Its own source spells the patterns as regular expressions,
 * so it passes its own check.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { isAbsolute, join, normalize, posix } from 'node:path';

export interface TrackedFile {
  /** Repository-relative, with forward slashes. */
  path: string;
  text: string;
}

export interface PathProblem {
  file: string;
  line: number;
  rule: 'machine-path' | 'file-url' | 'shared-dir' | 'climbs-out';
  text: string;
}

export interface Allowance {
  /** Files it applies to (repository-relative path, or a pattern over it). */
  file: string | RegExp;
  /** The literal it allows, matched against the offending text's line. */
  line: RegExp;
  why: string;
}

/**
 * The only legitimate hits, each with its reason. Keep this list short: a new entry needs a reason
 * why the text is not a path the code, the tests or the build read.
 */
export const ALLOWED: readonly Allowance[] = [
  {
    file: /^(README\.md|test\/bench\/.*\.js)$/,
    line: /--cpu-prof-dir=\/tmp\/p\b/,
    why: 'an example value a user may pass to node\'s --cpu-prof-dir through ASTRA_BENCH_NODE_ARGS, in prose; nothing reads it',
  },
  {
    file: 'test/unit/worker-pool/worker-entry-file.test.ts',
    line: /'file:\/\/\/app\/out\/main\//,
    why: 'a made-up packaged-app module URL fed to resolveWorkerFile (URL parsing under test), never opened',
  },
  {
    file: /^test\/(unit\/desktop|unit\/assets|integration\/security)\//,
    line: /'file:\/\/\/(etc\/passwd|tmp\/index\.html)'/,
    why: 'hostile file: URLs the code under test must refuse (SSRF policy, navigation, save and dev-server URL checks); never opened',
  },
  {
    file: 'test/unit/desktop/failure-reason.test.ts',
    line: /\(file:\/\/\/x\/node_modules\//,
    why: 'a made-up stack trace whose failure reason is under test; nothing reads the path',
  },
];

/** Files whose text is recorded third-party data, scanned for machine paths but not for `..` runs. */
const RECORDED_DATA = /^test\/fixtures\//;

// Absolute paths of a build machine: the top-level folders work, root, tmp, home/<user> and
// Users/<user>, each followed by a slash. Not preceded by a word character, a dot or a dash, so URL paths (`example.com/tmp/`) pass.
const MACHINE_PATH = /(?<![\w.~-])\/(?:work|root|tmp|home\/[\w.-]+|Users\/[\w.-]+)\//g;
const FILE_URL = /file:\/\/\//g;
const SHARED_DIR = /\.\.[/\\]shared\b/g;
// A run of `..` segments that starts a path: after a quote or backquote (a literal, an import
// specifier), after `(` (a Markdown link), or after `/` behind `$(dirname …)` (a shell script).
const DOT_DOT_RUN = /(?<=['"`(]|\)\/)\.\.(?:[/\\]\.\.)*(?=[/\\'"`)\s]|$)/g;
// `join(__dirname, '..', '..', …)`: consecutive '..' arguments next to a file-relative base.
const DOT_DOT_ARGS = /(['"])\.\.\1(?:\s*,\s*(['"])\.\.\2)*/g;
const FILE_RELATIVE_BASE = /__dirname|__filename|import\.meta|dirname\(/;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function lineText(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? undefined : end);
}

function allowed(file: string, line: string): boolean {
  return ALLOWED.some((a) => (typeof a.file === 'string' ? a.file === file : a.file.test(file)) && a.line.test(line));
}

/** How many folders the file sits below the root (`README.md` 0, `test/helpers/x.ts` 2). */
function depthOf(path: string): number {
  return path.split('/').length - 1;
}

/** Every problem in one tracked file's text, allowances applied. */
export function findPathProblems(file: TrackedFile): PathProblem[] {
  const problems: PathProblem[] = [];
  const add = (rule: PathProblem['rule'], index: number, match: string) => {
    const line = lineText(file.text, index);
    if (!allowed(file.path, line)) problems.push({ file: file.path, line: lineOf(file.text, index), rule, text: match });
  };
  for (const m of file.text.matchAll(MACHINE_PATH)) add('machine-path', m.index, m[0]);
  for (const m of file.text.matchAll(FILE_URL)) add('file-url', m.index, m[0]);
  for (const m of file.text.matchAll(SHARED_DIR)) add('shared-dir', m.index, m[0]);
  if (RECORDED_DATA.test(file.path)) return problems;
  const depth = depthOf(file.path);
  for (const m of file.text.matchAll(DOT_DOT_RUN)) {
    if (m[0].split(/[/\\]/).length > depth) add('climbs-out', m.index, m[0]);
  }
  for (const m of file.text.matchAll(DOT_DOT_ARGS)) {
    if (!FILE_RELATIVE_BASE.test(lineText(file.text, m.index))) continue;
    if ((m[0].match(/\.\./g) ?? []).length > depth) add('climbs-out', m.index, m[0]);
  }
  return problems;
}

/** A tracked symbolic link must point inside the repository. */
export function symlinkProblem(path: string, target: string): PathProblem | null {
  const resolved = posix.normalize(posix.join(posix.dirname(path), target.replaceAll('\\', '/')));
  if (!isAbsolute(target) && !resolved.startsWith('../') && resolved !== '..') return null;
  return { file: path, line: 0, rule: isAbsolute(target) ? 'machine-path' : 'climbs-out', text: `symlink → ${target}` };
}

function isText(bytes: Buffer): boolean {
  return !bytes.subarray(0, 8000).includes(0);
}

/** Scans every file `git ls-files` lists under `root` (text files; symbolic links by target). */
export function scanRepository(root: string): PathProblem[] {
  const listing = execFileSync('git', ['ls-files', '-s', '-z'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).toString();
  const problems: PathProblem[] = [];
  for (const entry of listing.split('\0').filter(Boolean)) {
    // `<mode> <object> <stage>\t<path>`
    const [meta, path] = entry.split('\t');
    const absolute = join(root, normalize(path));
    if (meta.startsWith('120000')) {
      const problem = symlinkProblem(path, readlinkSync(absolute));
      if (problem) problems.push(problem);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(absolute);
    } catch {
      continue; // listed but deleted in the working tree: nothing to ship
    }
    if (isText(bytes)) problems.push(...findPathProblems({ path, text: bytes.toString('utf8') }));
  }
  return problems;
}

export function describeProblem(p: PathProblem): string {
  const what = {
    'machine-path': 'names an absolute path of the build machine',
    'file-url': 'names a local file URL',
    'shared-dir': 'reaches the shared folder beside the repository',
    'climbs-out': 'climbs above the repository root',
  }[p.rule];
  return `${p.file}:${p.line} ${what}: ${p.text}`;
}
