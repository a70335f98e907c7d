/**
 * What the suites need from the machine and the clone, checked once before any test file loads
 * (vitest `globalSetup`). When something is missing the run stops with ONE message naming each
 * missing piece and how to get it, instead of dozens of files failing in their set-up and then in
 * their clean-ups. vitest.config.ts uses `unitSetup`, vitest.e2e.config.ts `e2eSetup`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { CHROMIUM_PATH } from './chromium';
import { REPO_ROOT, REQUIRED_FIXTURES } from './fixtures';
import { PYTHON } from './gdal';

export interface Prerequisite {
  name: string;
  /** Why it is missing, or null when it is there. */
  problem(): string | null;
  /** How to get it. */
  fix: string;
}

/** Inside the repository relative to its root, elsewhere absolute. */
function display(path: string): string {
  const inside = relative(REPO_ROOT, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

export function filesPrerequisite(name: string, paths: readonly string[], fix: string): Prerequisite {
  return {
    name,
    fix,
    problem() {
      const missing = paths.filter((path) => !existsSync(path));
      // A missing folder says it all: not each file under it too.
      const shown = missing.filter((path) => !missing.some((other) => other !== path && path.startsWith(other + sep)));
      return shown.length ? `missing ${shown.map(display).join(', ')}` : null;
    },
  };
}

export function commandPrerequisite(name: string, commands: ReadonlyArray<readonly [string, ...string[]]>, fix: string): Prerequisite {
  return {
    name,
    fix,
    problem() {
      for (const [command, ...args] of commands) {
        try {
          execFileSync(command, args, { stdio: 'pipe', timeout: 30_000 });
        } catch (error) {
          const { code, stderr } = error as { code?: string; stderr?: Buffer };
          const detail = code === 'ENOENT' ? 'not found' : (stderr?.toString().trim().split('\n').pop() ?? String(error));
          return `\`${[command, ...args].join(' ')}\`: ${detail}`;
        }
      }
      return null;
    },
  };
}

export const FIXTURES = filesPrerequisite('test fixtures (test/fixtures, see its SOURCES.md)', REQUIRED_FIXTURES,
  'they are part of the repository: restore them with `git checkout -- test/fixtures` (or point ASTRA_FIXTURES_DIR at a copy with the same layout)');
export const GDAL = commandPrerequisite('GDAL command-line tools', [['gdalinfo', '--version'], ['gdal_translate', '--version'], ['gdalwarp', '--version']],
  'apt-get install gdal-bin');
export const PYTHON_GDAL = commandPrerequisite(`${PYTHON} with GDAL's Python bindings and numpy`, [[PYTHON, '-c', 'from osgeo import gdal; import numpy']],
  'apt-get install python3-gdal python3-numpy');
export const CHROMIUM = filesPrerequisite(`Chromium at ${CHROMIUM_PATH}`, [CHROMIUM_PATH], 'apt-get install chromium (or set ASTRA_CHROMIUM to a Chromium binary)');

/** The message for what is missing; null when nothing is. */
export function prerequisitesMessage(list: readonly Prerequisite[]): string | null {
  const missing = list.flatMap((p) => {
    const problem = p.problem();
    return problem ? [`  - ${p.name}: ${problem}\n    → ${p.fix}`] : [];
  });
  if (missing.length === 0) return null;
  return [
    `The tests cannot run: ${missing.length === 1 ? 'a prerequisite is' : `${missing.length} prerequisites are`} missing.`,
    ...missing,
    'On Debian, .ci/run installs the packages when they are missing (README, "Requirements").',
  ].join('\n');
}

function assertPrerequisites(list: readonly Prerequisite[]): void {
  const message = prerequisitesMessage(list);
  if (!message) return;
  const error = new Error(message);
  error.stack = `Error: ${message}`; // the message is the whole story; a stack into vitest is noise
  throw error;
}

export function unitSetup(): void {
  assertPrerequisites([FIXTURES, GDAL, PYTHON_GDAL]);
}

export function e2eSetup(): void {
  assertPrerequisites([FIXTURES, CHROMIUM]);
}
