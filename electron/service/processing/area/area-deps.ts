/**
 * What the area kinds (composite, period change, time series) use: the processing kinds' deps
 * (scenes, bytes, offline, worker pool, shutdown) plus the federated search, run in-process, and
 * a memo of COG headers shared by their validations.
 */
import type { ProcessingDeps } from '../processing-deps';
import type { CogProbeCache } from './plan/probe-cache';
import type { SceneSearch } from './scenes/find-scenes';

export interface AreaDeps extends ProcessingDeps {
  search: SceneSearch;
  probes: CogProbeCache;
}
