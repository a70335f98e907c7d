/**
 * Before an area job reads pixels: every scene of its plan is known (the items cache, or — online
 * — its source), since its assets are located through its item; offline, a scene the cache no
 * longer holds fails the job naming it rather than in the middle of a tile. Phase
 * `finding_scenes`, counted per scene.
 */
import type { JobRunContext } from '../../../jobs/job-kind';
import { forEachInLanes } from '../../engine/bounded-lanes';
import type { ProcessingDeps } from '../../processing-deps';
import { sceneItem } from '../../scene/scene-item';
import type { AreaPlan } from '../plan/area-plan';

const LANES = 8;

export async function checkScenes(plan: AreaPlan, ctx: JobRunContext, deps: Pick<ProcessingDeps, 'scenes' | 'offline'>): Promise<void> {
  let done = 0;
  const total = plan.scenes.length;
  ctx.phase('finding_scenes', 0, total);
  await forEachInLanes(plan.scenes, LANES, async (scene) => {
    await sceneItem(deps, scene.id, 'scenes', ctx.signal);
    ctx.phase('finding_scenes', ++done, total);
  }, () => undefined);
}
