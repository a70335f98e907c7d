/**
 * `processGraphToJob(process)`: reads a posted openEO process (`{process_graph, …}`) as the ASTRA
 * job the local engine runs. In order: every process the local engine lacks is refused with
 * ProcessUnsupported (callbacks included); @openeo/js-processgraphs validates the arguments
 * against the vendored definitions (its errors mapped to openEO's); the graph is evaluated
 * symbolically and its result recognised as a job request (spec-15 shapes, canonical). Errors are
 * OpenEoError ({code, message, status}). Pure (async only because validation is).
 */
import { isAppError } from '../../../api/errors';
import type { JobRequest } from '../../../jobs/area-job-types';
import { isPlainObject, type ProcessGraphNodes } from '../graph-json';
import { normalizeJobRequest } from '../job-request/normalize-job';
import { OpenEoError } from '../openeo-error';
import { BAND_HANDLERS } from './band-handlers';
import { COMBINE_HANDLERS } from './combine-handlers';
import { interpretGraph, type Handler } from './interpret-graph';
import { LOAD_HANDLERS } from './load-handlers';
import { recogniseJob, type GraphTranslation } from './recognise-job';
import { TIME_HANDLERS } from './time-handlers';
import { validateProcessGraph } from './validate-graph';
import { refuseUnsupportedProcesses } from './walk-processes';

/** More top-level nodes than any job's graph has by far (a five-collection composite has ~35). */
export const MAX_NODES = 500;

const HANDLERS: Readonly<Record<string, Handler>> = { ...LOAD_HANDLERS, ...BAND_HANDLERS, ...TIME_HANDLERS, ...COMBINE_HANDLERS };

export async function processGraphToJob(process: unknown): Promise<GraphTranslation> {
  if (!isPlainObject(process) || !isPlainObject(process.process_graph) || Object.keys(process.process_graph).length === 0) {
    throw new OpenEoError('ProcessGraphMissing', 'No process graph specified: send {"process_graph": {…}} with at least one node.');
  }
  const nodes = process.process_graph;
  if (Object.keys(nodes).length > MAX_NODES) {
    throw new OpenEoError('ProcessGraphComplexity', `The process graph has ${Object.keys(nodes).length} nodes; the local back-end takes at most ${MAX_NODES}.`);
  }
  refuseUnsupportedProcesses(nodes);
  await validateProcessGraph({ process_graph: nodes });
  const translation = recogniseJob(interpretGraph(nodes as ProcessGraphNodes, HANDLERS));
  return { ...translation, job: asValidJob(translation.job) };
}

/** The job through the same checks a job request gets (e.g. the expression length limit), canonical. */
function asValidJob(job: JobRequest): JobRequest {
  try {
    return normalizeJobRequest(job);
  } catch (error) {
    if (isAppError(error)) throw new OpenEoError('ProcessParameterInvalid', `The graph stands for a job ASTRA refuses: ${error.message}`);
    throw error;
  }
}
