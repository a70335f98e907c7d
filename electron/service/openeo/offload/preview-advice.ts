/**
 * POST /api/v1/jobs/preview of a job a remote back-end could run: whether its local estimate
 * suggests running it remotely (suggest-remote.ts: pixels, scenes, bytes to fetch, local time)
 * and which back-ends are signed in to run it. An `on` naming no configured back-end → 400 naming
 * `on`, as at submission; no back-end is contacted (that happens when the job is submitted).
 */
import type { LocalJobPreview, RemoteAdvice } from '../../jobs/area-job-types';
import { configuredBackend } from './backend-check';
import type { OffloadDeps } from './offload-deps';
import { DEFAULT_REMOTE_THRESHOLDS, suggestRemote } from './suggest-remote';

const LOCAL = 'local';

export async function previewAdvice(preview: LocalJobPreview, on: string, deps: Pick<OffloadDeps, 'backends' | 'suggestThresholds'>): Promise<RemoteAdvice> {
  if (on !== LOCAL) configuredBackend(on, deps);
  const { suggest_remote, reasons } = suggestRemote({ ...preview.estimate, scenes: preview.scenes.length }, deps.suggestThresholds ?? DEFAULT_REMOTE_THRESHOLDS);
  const views = await Promise.all(deps.backends.list().map((backend) => deps.backends.view(backend)));
  return { suggest_remote, suggest_remote_reasons: reasons, remote_backends: views.filter((view) => view.signed_in).map((view) => view.id) };
}
