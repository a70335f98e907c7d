/**
 * The pure translation between ASTRA job requests and openEO process graphs (issue 16): the local
 * openEO collections, job → graph, graph → job, validation against the vendored process
 * definitions, openEO errors. No HTTP, no database, no engine — see README.md.
 */
export { jobToProcessGraph, type ProcessGraphOptions, type SceneRef } from './job-to-graph/job-to-process-graph';
export { processGraphToJob, MAX_NODES } from './graph-to-job/process-graph-to-job';
export type { GraphTranslation } from './graph-to-job/recognise-job';
export type { SeriesStatistic } from './graph-to-job/symbols';
export { OUTPUT_FORMATS, processGraphErrors, validateProcessGraph } from './graph-to-job/validate-graph';
export { refuseUnsupportedProcesses, usedProcessIds } from './graph-to-job/walk-processes';
export { normalizeJobRequest } from './job-request/normalize-job';
export { bandList, formatCollectionId, isKnownBand, LOCAL_COLLECTIONS, parseCollectionId, type LocalCollection } from './local-collections';
export { openEoCollection, openEoCollections, type OpenEoCollection } from './collection-metadata';
export { LOCAL_PROCESS_IDS, VENDORED_PROCESSES, type ProcessSpec } from './vendored-processes';
export { BACKEND_CODE_STATUS, isOpenEoError, OpenEoError, openEoStatus, REMOTE_HINT, type OpenEoErrorCode } from './openeo-error';
export { CHANGE_CLASS_BAND, DIFFERENCE_BAND, VALID_COUNT_BAND } from './job-to-graph/write-results';
export type { OpenEoProcess, ProcessGraphNodes, ProcessNode } from './graph-json';
