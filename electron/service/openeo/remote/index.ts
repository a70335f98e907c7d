/** Remote-offload library (issue 16 §2): see README.md in this folder. */
export { BackendCatalog, type BackendCapabilities, type StacCollection } from './backend-catalog';
export { parseBackendUrl, parseRemoteBackendInput, BACKEND_ID_PATTERN } from './backend-input';
export { RemoteBackendStore, type RemoteBackendView } from './backend-registry';
export {
  cancelRemoteJob, createRemoteJob, DEFAULT_POLL_INTERVAL_MS, estimateRemoteJob, followRemoteJob, startRemoteJob, submitRemoteJob,
  type FollowOptions,
} from './batch-job';
export { DeviceSignIn, type DeviceSignInOptions, type DeviceSignInState } from './device-sign-in';
export { createFileSecretStore, FileSecretStore, PLAIN_CODEC, SECRET_FILE_NAME, type FileSecretStoreOptions, type SecretCodec } from './file-secret-store';
export { prepareProcess, missingProcesses, type PreparedProcess } from './prepare-process';
export { isRemoteOpenEoError, RemoteOpenEoError, type RemoteFailureReason } from './remote-errors';
export { RemoteSession, type RemoteSessionOptions } from './remote-session';
export { downloadRemoteResults, type DownloadOptions, type DownloadedResults } from './result-download';
export { runRemoteJob, type RunRemoteJobOptions, type SubmittedRemoteJob } from './run-remote-job';
export { BackendSecrets, backendSecretName, type BackendSecret, type SecretStore } from './secret-store';
export { abortableSleep, type Sleep } from './sleep';
export type * from './types';
