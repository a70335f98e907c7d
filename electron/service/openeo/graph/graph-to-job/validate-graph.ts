/**
 * Validates a process graph with @openeo/js-processgraphs against the vendored process
 * definitions (argument names, required arguments, JSON schemas, node references, result node,
 * output formats) and maps its errors to openEO API errors. Pure (no I/O; async because the
 * library's schema checks are).
 */
import { JsonSchemaValidator, ProcessGraph, ProcessRegistry } from '@openeo/js-processgraphs';
import { OpenEoError, type OpenEoErrorCode } from '../openeo-error';
import { VENDORED_PROCESSES } from '../vendored-processes';

/** The output formats of the local back-end: COG rasters, time series as JSON or CSV. */
export const OUTPUT_FORMATS = ['GTiff', 'JSON', 'CSV'] as const;

let registry: ProcessRegistry | undefined;

function processRegistry(): ProcessRegistry {
  registry ??= new ProcessRegistry(VENDORED_PROCESSES as object[]);
  return registry;
}

/** js-processgraphs' error codes → the openEO API's. */
export function openEoCodeOf(libraryCode: string): OpenEoErrorCode {
  switch (libraryCode) {
    case 'ProcessUnsupported': return 'ProcessUnsupported';
    case 'ProcessArgumentInvalid': return 'ProcessParameterInvalid';
    case 'ProcessArgumentRequired': return 'ProcessParameterRequired';
    case 'ProcessArgumentUnsupported': return 'ProcessParameterUnsupported';
    case 'ProcessGraphMissing':
    case 'ProcessMissing': return 'ProcessGraphMissing';
    default: return 'ProcessGraphInvalid';
  }
}

function validator(): JsonSchemaValidator {
  const v = new JsonSchemaValidator();
  v.setFileFormats({ input: {}, output: Object.fromEntries(OUTPUT_FORMATS.map((format) => [format, {}])) });
  return v;
}

/** Every problem js-processgraphs finds, as openEO errors ([] when the graph is valid). */
export async function processGraphErrors(process: unknown): Promise<OpenEoError[]> {
  const graph = new ProcessGraph(process, processRegistry(), validator());
  const errors = await graph.validate(false);
  const seen = new Set<string>();
  const mapped: OpenEoError[] = [];
  for (const error of errors.getAll()) {
    const code = (error as { code?: unknown }).code;
    const message = error.message || 'invalid process graph';
    if (seen.has(message)) continue;
    seen.add(message);
    mapped.push(new OpenEoError(openEoCodeOf(typeof code === 'string' ? code : ''), message));
  }
  return mapped;
}

/** Throws the first openEO error js-processgraphs reports. */
export async function validateProcessGraph(process: unknown): Promise<void> {
  const [first] = await processGraphErrors(process);
  if (first) throw first;
}
