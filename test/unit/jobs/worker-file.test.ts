import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultWorkerFile, resolveWorkerFile, toUnpackedAsarPath } from '../../../electron/service/jobs/worker-file';

describe('resolveWorkerFile', () => {
  it('from the TS sources (vitest): <repo>/out/main/raster-task.js', () => {
    expect(resolveWorkerFile(pathToFileURL('/repo/electron/service/jobs/worker-pool.ts').href)).toBe('/repo/out/main/raster-task.js');
  });

  it('from the bundle (node out/main/serve.js, Electron): the sibling file, also from a shared chunk', () => {
    expect(resolveWorkerFile('file:///app/out/main/serve.js')).toBe('/app/out/main/raster-task.js');
    expect(resolveWorkerFile('file:///app/out/main/chunks/server-Ab12.js')).toBe('/app/out/main/raster-task.js');
  });

  it('from the packaged app: the asar-unpacked copy', () => {
    expect(resolveWorkerFile('/Applications/ASTRA.app/Contents/Resources/app.asar/out/main/chunks/server-x.js'))
      .toBe('/Applications/ASTRA.app/Contents/Resources/app.asar.unpacked/out/main/raster-task.js');
  });

  it('rewrites app.asar in either separator style, once, and leaves other paths alone', () => {
    expect(toUnpackedAsarPath('C:\\Program Files\\ASTRA\\resources\\app.asar\\out\\main\\raster-task.js'))
      .toBe('C:\\Program Files\\ASTRA\\resources\\app.asar.unpacked\\out\\main\\raster-task.js');
    expect(toUnpackedAsarPath('/x/app.asar.unpacked/out/main/raster-task.js')).toBe('/x/app.asar.unpacked/out/main/raster-task.js');
    expect(toUnpackedAsarPath('/x/my-app.asarx/raster-task.js')).toBe('/x/my-app.asarx/raster-task.js');
  });

  it('in this test run points at the repository build output', () => {
    expect(defaultWorkerFile().endsWith(['', 'out', 'main', 'raster-task.js'].join(sep))).toBe(true);
  });
});
