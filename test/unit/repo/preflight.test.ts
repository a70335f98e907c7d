/** The global set-up's one message: every missing prerequisite, each with how to get it. */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, REPO_ROOT } from '../../helpers/fixtures';
import { commandPrerequisite, filesPrerequisite, FIXTURES, GDAL, prerequisitesMessage, PYTHON_GDAL } from '../../helpers/preflight';

describe('prerequisitesMessage', () => {
  it('is null on this machine for what the unit and integration suites need', () => {
    expect(prerequisitesMessage([FIXTURES, GDAL, PYTHON_GDAL])).toBeNull();
  });

  it('names each missing file, command and module with its fix, in one message', () => {
    const message = prerequisitesMessage([
      filesPrerequisite('test fixtures', [join(FIXTURES_DIR, 'no-such-folder'), join(FIXTURES_DIR, 'no-such-folder', 'B04.tif'), join(REPO_ROOT, 'package.json'), '/nonexistent-astra/x.json'], 'git checkout -- test/fixtures'),
      commandPrerequisite('a tool', [['astra-no-such-tool', '--version']], 'apt-get install astra-tool'),
      commandPrerequisite('a Python module', [[process.execPath, '-e', "console.error('ModuleNotFoundError: osgeo'); process.exit(1)"]], 'apt-get install python3-gdal'),
      filesPrerequisite('present', [join(REPO_ROOT, 'package.json')], 'nothing'),
    ]);
    expect(message).toBe([
      'The tests cannot run: 3 prerequisites are missing.',
      `  - test fixtures: missing ${relative(REPO_ROOT, join(FIXTURES_DIR, 'no-such-folder'))}, /nonexistent-astra/x.json`,
      '    → git checkout -- test/fixtures',
      '  - a tool: `astra-no-such-tool --version`: not found',
      '    → apt-get install astra-tool',
      `  - a Python module: \`${process.execPath} -e console.error('ModuleNotFoundError: osgeo'); process.exit(1)\`: ModuleNotFoundError: osgeo`,
      '    → apt-get install python3-gdal',
      'On Debian, .ci/run installs the packages when they are missing (README, "Requirements").',
    ].join('\n'));
  });
});
