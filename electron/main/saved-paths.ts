/**
 * The files this run's save dialog wrote: `revealInFolder` shows only those, so the page cannot
 * use it to probe or open arbitrary paths. Pure (node:path only), unit-tested.
 */
import { isAbsolute, resolve } from 'node:path';

export class SavedPaths {
  private readonly paths = new Set<string>();

  remember(path: string): void {
    this.paths.add(resolve(path));
  }

  /** True only for an absolute path that the save dialog itself returned in this run. */
  isRevealable(path: unknown): path is string {
    return typeof path === 'string' && path.length > 0 && isAbsolute(path) && !path.includes('\0') && this.paths.has(resolve(path));
  }
}
