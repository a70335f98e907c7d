/**
 * STAC validation by a client nobody here wrote: the `stac-node-validator` package (Catalog,
 * Collection, Item and every declared extension; for ItemCollections and collection lists, each
 * member). Offline: every schema URL is mapped onto the local schema copies (stac-schemas/, see
 * its MANIFEST.md), and its loader refuses the network, so a schema missing locally fails the
 * validation instead of being fetched.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FIXTURES_DIR } from './fake-upstream/fixture-files';

const SCHEMAS_DIR = join(FIXTURES_DIR, 'stac-schemas');

interface Report {
  id: string | null;
  type: string | null;
  valid: boolean | null;
  skipped: boolean;
  messages: string[];
  children: Report[];
  results: { core: Array<{ instancePath?: string; message?: string }>; extensions: Record<string, Array<{ instancePath?: string; message?: string }>> };
}

type Validate = (data: unknown, config: Record<string, unknown>) => Promise<Report>;

const validate = createRequire(import.meta.url)('stac-node-validator') as Validate;

const SCHEMA_MAP: Record<string, string> = {
  'https://schemas.stacspec.org/': `${SCHEMAS_DIR}/`,
  'https://stac-extensions.github.io/': join(SCHEMAS_DIR, 'extensions/'),
  'https://geojson.org/schema/': join(SCHEMAS_DIR, 'geojson/'),
  'https://proj.org/schemas/': join(SCHEMAS_DIR, 'projjson/'),
};

async function offlineLoader(uri: string): Promise<unknown> {
  if (/^https?:/i.test(uri)) throw new Error(`no local copy of ${uri} (the validator must not fetch)`);
  return JSON.parse(await readFile(uri, 'utf8')) as unknown;
}

function problems(report: Report, path: string): string[] {
  const where = `${path}${report.id ?? '?'}`;
  const own = report.skipped ? [`${where}: not validated (${report.messages.join('; ')})`] : [];
  const errors = [
    ...report.results.core.map((e) => `${where}: ${e.instancePath ?? ''} ${e.message ?? 'invalid'}`),
    ...Object.entries(report.results.extensions).flatMap(([schema, list]) => list.map((e) => `${where} [${schema}]: ${e.instancePath ?? ''} ${e.message ?? 'invalid'}`)),
  ];
  return [...own, ...errors, ...report.children.flatMap((child) => problems(child, `${where} › `))];
}

/** Every reason the document (or any member) is not valid STAC; [] when valid. */
export async function stacNodeValidate(document: unknown): Promise<string[]> {
  const report = await validate(document, { loader: offlineLoader, schemaMap: SCHEMA_MAP });
  const found = problems(report, '');
  if (report.valid !== true && found.length === 0) found.push(`${report.id ?? '?'}: not valid (${report.messages.join('; ') || 'no detail'})`);
  return found;
}
