/**
 * The processes the fake back-end offers at `GET /processes`: the official definitions vendored in
 * electron/service/openeo/spec/processes (the ones ASTRA's graphs use), minus the ones a test
 * declares missing — a back-end that lacks a process the job needs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_DIR } from './openeo-http';

export interface ProcessDefinition { id: string; [key: string]: unknown }

let vendored: ProcessDefinition[] | undefined;

export function vendoredProcesses(): ProcessDefinition[] {
  if (vendored) return vendored;
  const dir = join(SPEC_DIR, 'processes');
  vendored = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ProcessDefinition);
  return vendored;
}

export class OfferedProcesses {
  /** Process ids this back-end does not offer (mutable between requests). */
  readonly missing: Set<string>;

  constructor(missing: readonly string[] = []) {
    this.missing = new Set(missing);
  }

  list(): ProcessDefinition[] {
    return vendoredProcesses().filter((process) => !this.missing.has(process.id));
  }

  ids(): Set<string> {
    return new Set(this.list().map((process) => process.id));
  }
}
