/**
 * Fault injection, set per fake catalog and changeable between requests. A fault with `times`
 * affects only that many upcoming requests; without `times` it stays until cleared.
 */
import type { ServerResponse } from 'node:http';

export interface StatusFault {
  /** e.g. 429, 503, 504, 500. */
  code: number;
  /** `Retry-After` value: seconds, or an HTTP-date string. */
  retryAfter?: number | string;
  body?: string;
  times?: number;
}

export interface CatalogFaults {
  /** Delay before answering, in ms. */
  latencyMs?: number;
  /** Never answer (until the client gives up); `times` like other faults. */
  hang?: boolean | { times: number };
  status?: StatusFault;
  /** Answer 200 with a body that is not valid JSON (default: a truncated FeatureCollection). */
  malformedJson?: boolean | { times?: number; body?: string };
  /** Answer 200 with valid JSON that is not a FeatureCollection. */
  notFeatureCollection?: boolean | { times: number };
  /** Leave out `next` links although more results exist (Planetary Computer's known bug). */
  missingNext?: boolean | { times: number };
  /** `query` fields the catalog silently ignores (e.g. LandsatLook ignoring `platform`). */
  ignoreQueryFields?: string[];
  /** Files only: answer every Range with the whole file (200), as some hosts do. */
  ignoreRange?: boolean;
}

export type FaultCatalog = 'earthSearch' | 'planetaryComputer' | 'landsatLook' | 'sas' | 'files';

export type FaultTable = Record<FaultCatalog, CatalogFaults>;

export function emptyFaults(): FaultTable {
  return { earthSearch: {}, planetaryComputer: {}, landsatLook: {}, sas: {}, files: {} };
}

type Countable = boolean | { times?: number } | undefined;

/** True if the fault applies to this request; consumes one of its `times`. */
export function takeFault(faults: CatalogFaults, name: 'hang' | 'malformedJson' | 'notFeatureCollection' | 'missingNext' | 'status'): boolean {
  const fault = faults[name] as Countable;
  if (!fault) return false;
  if (fault === true) return true;
  if (typeof fault !== 'object' || fault.times === undefined) return true;
  if (fault.times <= 0) return false;
  fault.times -= 1;
  return true;
}

export const MALFORMED_BODY = '{"type":"FeatureCollection","features":[{"type":"Feature","id":"trunc';

/**
 * Applies latency, hang and status faults. Returns true when the response was taken over
 * (the route must not answer).
 */
export async function applyTransportFaults(faults: CatalogFaults, res: ServerResponse): Promise<boolean> {
  if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
  if (takeFault(faults, 'hang')) return true;
  const status = faults.status;
  if (status && takeFault(faults, 'status')) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (status.retryAfter !== undefined) headers['retry-after'] = String(status.retryAfter);
    res.writeHead(status.code, headers);
    res.end(status.body ?? JSON.stringify({ code: `HTTP${status.code}`, description: 'injected fault' }));
    return true;
  }
  return false;
}

/** Applies body faults to a JSON answer; returns true when it answered instead of the route. */
export function applyBodyFaults(faults: CatalogFaults, res: ServerResponse): boolean {
  if (takeFault(faults, 'malformedJson')) {
    const fault = faults.malformedJson;
    res.writeHead(200, { 'content-type': 'application/geo+json' });
    res.end(typeof fault === 'object' && fault.body !== undefined ? fault.body : MALFORMED_BODY);
    return true;
  }
  if (takeFault(faults, 'notFeatureCollection')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'Forbidden' }));
    return true;
  }
  return false;
}
