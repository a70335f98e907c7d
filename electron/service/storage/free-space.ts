/**
 * Free bytes on the volume holding a path, as an unprivileged process may use them (statfs
 * `bavail`, not `bfree`, which counts blocks reserved for root). A probe is a function so tests
 * can stand in a small disk.
 */
import { statfs } from 'node:fs/promises';

export type FreeSpaceProbe = (path: string) => Promise<number>;

export const statfsFreeSpace: FreeSpaceProbe = async (path) => {
  const stats = await statfs(path);
  return stats.bavail * stats.bsize;
};
