/**
 * The repository alone must install, run and test anywhere: no tracked file may name an absolute
 * path of the build machine or reach outside the clone. The check runs over `git ls-files`; the
 * cases below plant bad paths (built from parts, so this file itself stays clean) to show that it
 * catches them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/fixtures';
import { ALLOWED, describeProblem, findPathProblems, scanRepository } from '../../helpers/portable-paths';

const slash = (...parts: string[]) => parts.join('/');
const up = (n: number) => Array.from({ length: n }, () => '..').join('/');
const WORK = slash('', 'work', 'shared', 'fixtures', 'rasters');
const HOME = slash('', 'home', 'analyst', 'astra');
const ROOT_HOME = slash('', 'root', '.cache', 'x');
const TMP = slash('', 'tmp', 'fixtures', 'B04.tif');
const FILE_URL = ['file:', '', '', 'srv', 'x.tif'].join('/');
const SHARED = slash('..', 'shared', 'fixtures');

const rules = (path: string, text: string) => findPathProblems({ path, text }).map((p) => `${p.rule}@${p.line}`);

describe('tracked files of this repository', () => {
  it('name no absolute path of the build machine and nothing outside the repository', () => {
    expect(scanRepository(REPO_ROOT).map(describeProblem)).toEqual([]);
  });

  it('documents why each allowance exists', () => {
    for (const allowance of ALLOWED) expect(allowance.why.length).toBeGreaterThan(20);
  });
});

describe('the check itself', () => {
  it('catches absolute paths of the build machine, with their line', () => {
    const text = [`const a = '${WORK}';`, `// see ${HOME}/notes`, `open("${ROOT_HOME}")`, `readFileSync('${TMP}')`, `fetch('${FILE_URL}')`].join('\n');
    expect(rules('test/unit/x.test.ts', text)).toEqual(['machine-path@1', 'machine-path@2', 'machine-path@3', 'machine-path@4', 'file-url@5']);
  });

  it('leaves URL paths and ordinary relative paths alone', () => {
    const text = ["fetch('https://example.com/root/tmp/x')", "import { a } from '../../helpers/a';", 'const t = tmpdir();', "const range = '1..10';"].join('\n');
    expect(rules('test/unit/x.test.ts', text)).toEqual([]);
  });

  it('catches the shared folder beside the repository, at any depth', () => {
    expect(rules('README.md', `fixtures in \`${SHARED}\``)).toContain('shared-dir@1');
    expect(rules('test/unit/sources/x.test.ts', `join(__dirname, '${up(4)}/${SHARED.slice(3)}')`)).toEqual(['shared-dir@1', 'climbs-out@1']);
  });

  it('catches relative paths that climb above the root, by the file\'s depth', () => {
    // test/unit/sources/ is three folders deep: three `..` reach the root, four leave it.
    expect(rules('test/unit/sources/x.test.ts', `import a from '${up(3)}/electron/a';`)).toEqual([]);
    expect(rules('test/unit/sources/x.test.ts', `import a from '${up(4)}/elsewhere/a';`)).toEqual(['climbs-out@1']);
    const joinUp = (n: number) => `const d = join(__dirname, ${Array.from({ length: n }, () => "'..'").join(', ')}, 'data');`;
    expect(rules('test/unit/sources/x.test.ts', joinUp(3))).toEqual([]);
    expect(rules('test/unit/sources/x.test.ts', joinUp(4))).toEqual(['climbs-out@1']);
    expect(rules('docs/api.md', `[spec](${up(2)}/spec.md)`)).toEqual(['climbs-out@1']);
    expect(rules('.ci/run', 'cd "$(dirname "$0")/.."')).toEqual([]);
    expect(rules('.ci/run', 'cd "$(dirname "$0")/../.."')).toEqual(['climbs-out@1']);
  });

  it('applies an allowance only to its own file and literal', () => {
    const example = `(e.g. \`--cpu-prof-dir=${slash('', 'tmp', 'p')}\`)`;
    expect(rules('README.md', example)).toEqual([]);
    expect(rules('docs/api.md', example)).toEqual(['machine-path@1']);
    expect(rules('README.md', `data in ${TMP}`)).toEqual(['machine-path@1']);
  });

  describe('over a real git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'astra-portable-paths-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reports a planted bad path in a tracked file, not in an untracked one, and a symlink out', () => {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      mkdirSync(join(dir, 'test', 'helpers'), { recursive: true });
      writeFileSync(join(dir, 'test', 'helpers', 'fixtures.ts'), `export const FIXTURES_DIR = '${WORK}';\n`);
      writeFileSync(join(dir, 'test', 'helpers', 'ok.ts'), "export const here = new URL('../..', import.meta.url);\n");
      writeFileSync(join(dir, 'binary.bin'), Buffer.from([0, 1, 2, ...Buffer.from(WORK)]));
      symlinkSync(slash('..', 'outside'), join(dir, 'escape'));
      execFileSync('git', ['add', '.'], { cwd: dir });
      writeFileSync(join(dir, 'untracked.ts'), `const x = '${HOME}';\n`);
      expect(scanRepository(dir).map(describeProblem)).toEqual([
        'escape:0 climbs above the repository root: symlink → ../outside',
        `test/helpers/fixtures.ts:1 names an absolute path of the build machine: ${slash('', 'work', '')}`,
      ]);
    });
  });
});
