/**
 * Jobs on remote openEO back-ends (issue 16 §2), wired: the offload kind the job queue runs
 * `"on": "<id>"` jobs with, their STAC item, and the remote-run suggestion. See README.md.
 */
export { openEoOffloadKind, OFFLOADABLE_TYPES } from './offload-kind';
export type { OffloadDeps } from './offload-deps';
export { isOffloadParams, type OffloadParams } from './offload-params';
export { remoteJobItem } from './remote-item';
export { readRemoteRun, REMOTE_RUN_FILE, type RemoteRunRecord } from './remote-result';
export { DEFAULT_REMOTE_THRESHOLDS, suggestRemote, type LocalEstimate, type RemoteSuggestion, type RemoteThresholds } from './suggest-remote';
