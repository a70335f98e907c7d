import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RASTER_WORKER_ENTRY, resolveWorkerFile, SEARCH_PAGE_WORKER_ENTRY, toUnpackedAsarPath, workerEntryFile } from '../../../electron/service/worker-pool/worker-entry-file';

describe('resolveWorkerFile (a worker entry beside the bundle)', () => {
  it('from the TS sources (vitest): <repo>/out/main/raster-task.js', () => {
    expect(resolveWorkerFile(pathToFileURL('/repo/electron/service/worker-pool/worker-pool.ts').href, RASTER_WORKER_ENTRY)).toBe('/repo/out/main/raster-task.js');
  });

  it('from the bundle (node out/main/serve.js, Electron): the sibling file, also from a shared chunk', () => {
    expect(resolveWorkerFile('file:///app/out/main/serve.js', RASTER_WORKER_ENTRY)).toBe('/app/out/main/raster-task.js');
    expect(resolveWorkerFile('file:///app/out/main/chunks/server-Ab12.js', SEARCH_PAGE_WORKER_ENTRY)).toBe('/app/out/main/search-page-task.js');
  });

  it('from the packaged app: the asar-unpacked copy', () => {
    expect(resolveWorkerFile('/Applications/ASTRA.app/Contents/Resources/app.asar/out/main/chunks/server-x.js', RASTER_WORKER_ENTRY))
      .toBe('/Applications/ASTRA.app/Contents/Resources/app.asar.unpacked/out/main/raster-task.js');
  });

  it('rewrites app.asar in either separator style, once, and leaves other paths alone', () => {
    expect(toUnpackedAsarPath('C:\\Program Files\\ASTRA\\resources\\app.asar\\out\\main\\raster-task.js'))
      .toBe('C:\\Program Files\\ASTRA\\resources\\app.asar.unpacked\\out\\main\\raster-task.js');
    expect(toUnpackedAsarPath('/x/app.asar.unpacked/out/main/raster-task.js')).toBe('/x/app.asar.unpacked/out/main/raster-task.js');
    expect(toUnpackedAsarPath('/x/my-app.asarx/raster-task.js')).toBe('/x/my-app.asarx/raster-task.js');
  });

  it('in this test run points at the repository build output', () => {
    expect(workerEntryFile(RASTER_WORKER_ENTRY).endsWith(['', 'out', 'main', 'raster-task.js'].join(sep))).toBe(true);
    expect(workerEntryFile(SEARCH_PAGE_WORKER_ENTRY).endsWith(['', 'out', 'main', 'search-page-task.js'].join(sep))).toBe(true);
  });
});
