/** The JSON shapes of an openEO process graph (openEO API 1.2 `process_graph`), as posted and as written. */

export interface FromNode {
  from_node: string;
}

export interface FromParameter {
  from_parameter: string;
}

export interface ProcessNode {
  process_id: string;
  namespace?: string | null;
  arguments: Record<string, unknown>;
  description?: string | null;
  result?: boolean;
}

export type ProcessGraphNodes = Record<string, ProcessNode>;

/** An openEO process (user-defined or a callback): its graph and optional metadata. */
export interface OpenEoProcess {
  process_graph: ProcessGraphNodes;
  [key: string]: unknown;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFromNode(value: unknown): value is FromNode {
  return isPlainObject(value) && typeof value.from_node === 'string' && Object.keys(value).length === 1;
}

export function isFromParameter(value: unknown): value is FromParameter {
  return isPlainObject(value) && typeof value.from_parameter === 'string' && Object.keys(value).length === 1;
}

export function isCallback(value: unknown): value is OpenEoProcess {
  return isPlainObject(value) && isPlainObject(value.process_graph);
}
