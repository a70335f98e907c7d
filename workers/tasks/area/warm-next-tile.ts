/**
 * The next output tile's source tiles decoded while this one is computed: the tile pipeline names
 * the tile this worker will probably compute next (AreaTileTask `prefetch`) when a spare core
 * inflates the workers' blocks (tasks/io/byte-channel.ts), so the inflation of the blocks the next
 * tile adds overlaps this tile's computing instead of stalling the next task's start. Every
 * scene's bands and mask are warmed (a mosaic may stop early; a spare core's work, not this
 * thread's). A failure here is not this task's: the next task meets it again and reports it.
 */
import type { AreaTilePrefetch } from '../../protocol/area-tasks';
import type { ReadContext } from '../grid/band-on-grid';
import { warmBand } from '../grid/warm-band';

export async function warmNextTile(next: AreaTilePrefetch, variables: readonly string[], io: ReadContext): Promise<void> {
  const warming: Promise<void>[] = [];
  for (const observation of next.observations) {
    for (const scene of observation.scenes) {
      for (const name of variables) {
        const band = scene.bands[name];
        if (band) warming.push(warmBand(band, next.target, false, io));
      }
      if (scene.mask) warming.push(warmBand(scene.mask, next.target, true, io));
    }
  }
  await Promise.allSettled(warming);
}
