/**
 * Offline STAC 1.0.0 Item validation with the official JSON Schemas in test/fixtures/stac-schemas/
 * (see test/fixtures/SOURCES.md): the core Item schema plus the schema of every extension the item
 * declares. Each schema is registered under its `$id`, so `$ref`s resolve locally and
 * nothing is fetched.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STAC_SCHEMAS_DIR as SCHEMAS_DIR } from './fixtures';

const ITEM_SCHEMA_ID = 'https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

function stripHash(id: string): string {
  return id.replace(/#$/, '');
}

/** RFC 3987 IRIs: like URIs but non-ASCII allowed; ajv-formats has no `iri`. */
function isIri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(value);
}

function isIriReference(value: string): boolean {
  return !/\s/.test(value) && value.length > 0;
}

let compiled: { ajv: Ajv; item: ValidateFunction } | undefined;

function validator(): { ajv: Ajv; item: ValidateFunction } {
  if (compiled) return compiled;
  // strict: false because upstream schemas use keywords ajv does not know (e.g. eo's `minimumExclusive`).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('iri', isIri);
  ajv.addFormat('iri-reference', isIriReference);
  for (const file of jsonFiles(SCHEMAS_DIR)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id?: string };
    if (typeof schema.$id !== 'string') continue;
    ajv.addSchema({ ...schema, $id: stripHash(schema.$id) });
  }
  const item = ajv.getSchema(ITEM_SCHEMA_ID);
  if (!item) throw new Error(`STAC item schema missing under ${SCHEMAS_DIR}`);
  compiled = { ajv, item };
  return compiled;
}

function describe(schema: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${schema}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
}

/** Every reason the item is not a valid STAC 1.0.0 Item with its declared extensions; [] when valid. */
export function validateStacItem(item: unknown): string[] {
  const { ajv, item: validateItem } = validator();
  const errors: string[] = [];
  if (!validateItem(item)) errors.push(...describe('item', validateItem.errors));
  const extensions = (item as { stac_extensions?: unknown }).stac_extensions;
  for (const url of Array.isArray(extensions) ? extensions : []) {
    if (typeof url !== 'string') continue;
    const validateExtension = ajv.getSchema(stripHash(url));
    if (!validateExtension) {
      errors.push(`${url}: extension schema not available offline`);
      continue;
    }
    if (!validateExtension(item)) errors.push(...describe(url, validateExtension.errors));
  }
  return errors;
}
