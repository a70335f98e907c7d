/** saved-paths.ts: revealInFolder shows only what this run's save dialog wrote. */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SavedPaths } from '../../../electron/main/saved-paths';

const saved = join(resolve('/'), 'home', 'analyst', 'exports', 'ndvi.tif');

describe('SavedPaths', () => {
  it('reveals nothing before anything was saved', () => {
    expect(new SavedPaths().isRevealable(saved)).toBe(false);
  });

  it('reveals a saved path, also spelled with dot segments', () => {
    const paths = new SavedPaths();
    paths.remember(saved);
    expect(paths.isRevealable(saved)).toBe(true);
    expect(paths.isRevealable(join(resolve('/'), 'home', 'analyst', 'exports', '.', '..', 'exports', 'ndvi.tif'))).toBe(true);
  });

  it('refuses neighbours, parents, relative paths and non-strings', () => {
    const paths = new SavedPaths();
    paths.remember(saved);
    for (const other of [
      join(resolve('/'), 'home', 'analyst', 'exports', 'other.tif'),
      join(resolve('/'), 'home', 'analyst', 'exports'),
      join(resolve('/'), 'etc', 'passwd'),
      'ndvi.tif',
      join('exports', 'ndvi.tif'),
      `${saved}\0`,
      '',
      42,
      null,
      { toString: () => saved },
    ]) expect(paths.isRevealable(other), String(other)).toBe(false);
  });
});
