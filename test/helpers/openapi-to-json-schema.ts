/**
 * Turns the OpenAPI 3.0 schema dialect of the openEO API document into JSON Schema draft-07 for ajv:
 * - `nullable: true` → `anyOf: [{type: null}, <schema>]` (JSON Schema has no `nullable`);
 * - `discriminator` + `mapping` → `if {prop: const v} then {$ref target}` per mapping entry. The
 *   targets extend the discriminating schema (`allOf: [{$ref: base}, …]`), so their `$ref` to it
 *   is pointed at a `<name>__base` copy without the discriminator, or validation would recurse;
 * - `oneOf` → `anyOf`: the document uses oneOf for alternatives that overlap (process_json_schema's
 *   `oneOf: [{}, …]`, collection summaries whose stats object also is a JSON Schema object), which
 *   JSON Schema's exactly-one rule rejects; where the branches exclude each other both mean the same;
 * - `#/components/schemas/x` refs → `openeo-api#/components/schemas/x`, so schemas cut out of
 *   the paths compile on their own against the components registered under that id.
 * OpenAPI-only keywords (`example`, `x-*`, `readOnly`) stay; ajv ignores them with strict: false.
 */
export type Schema = Record<string, unknown>;

export const COMPONENTS_ID = 'openeo-api';
const LOCAL_PREFIX = '#/components/schemas/';

interface Discriminator { propertyName: string; mapping?: Record<string, string> }

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapDeep(value: unknown, visit: (node: Schema) => Schema): unknown {
  if (Array.isArray(value)) return value.map((item) => mapDeep(item, visit));
  if (!isObject(value)) return value;
  const out: Schema = {};
  for (const [key, child] of Object.entries(value)) out[key] = mapDeep(child, visit);
  return visit(out);
}

function refName(ref: unknown): string | undefined {
  return typeof ref === 'string' && ref.startsWith(LOCAL_PREFIX) ? ref.slice(LOCAL_PREFIX.length) : undefined;
}

/** Names of the components whose schema contains a discriminator, and the components they map to. */
function discriminatedComponents(schemas: Record<string, Schema>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const [name, schema] of Object.entries(schemas)) {
    mapDeep(schema, (node) => {
      const discriminator = node.discriminator as Discriminator | undefined;
      for (const target of Object.values(discriminator?.mapping ?? {})) {
        const targetName = refName(target);
        if (targetName) found.set(name, (found.get(name) ?? new Set()).add(targetName));
      }
      return node;
    });
  }
  return found;
}

function withoutDiscriminators(schema: Schema): Schema {
  return mapDeep(schema, (node) => {
    if (!node.discriminator) return node;
    const { discriminator: _discriminator, ...rest } = node;
    return rest;
  }) as Schema;
}

function dispatchOnDiscriminator(node: Schema): Schema {
  const discriminator = node.discriminator as Discriminator | undefined;
  if (!discriminator?.mapping) return node;
  const { discriminator: _discriminator, ...rest } = node;
  const property = discriminator.propertyName;
  const branches = Object.entries(discriminator.mapping).map(([value, ref]) => ({
    if: { properties: { [property]: { const: value } }, required: [property] },
    then: { $ref: absolute(ref) },
  }));
  return { ...rest, allOf: [...((rest.allOf as Schema[] | undefined) ?? []), ...branches] };
}

function nullableToAnyOf(node: Schema): Schema {
  if (node.nullable !== true) return node;
  const { nullable: _nullable, ...rest } = node;
  return { anyOf: [{ type: 'null' }, rest] };
}

function oneOfToAnyOf(node: Schema): Schema {
  if (!Array.isArray(node.oneOf)) return node;
  const { oneOf, ...rest } = node;
  return Array.isArray(rest.anyOf) ? { ...rest, allOf: [...((rest.allOf as Schema[] | undefined) ?? []), { anyOf: oneOf }] } : { ...rest, anyOf: oneOf };
}

function absolute(ref: string): string {
  const name = refName(ref);
  return name === undefined ? ref : `${COMPONENTS_ID}${LOCAL_PREFIX}${name}`;
}

function absoluteRef(node: Schema): Schema {
  return typeof node.$ref === 'string' ? { ...node, $ref: absolute(node.$ref) } : node;
}

/** Points `allOf: [{$ref: base}]` of each mapping target at the discriminator-free base copy. */
function pointTargetsAtBase(schemas: Record<string, Schema>, discriminated: Map<string, Set<string>>): Record<string, Schema> {
  const out = { ...schemas };
  for (const [base, targets] of discriminated) {
    for (const target of targets) {
      const schema = out[target];
      if (!Array.isArray(schema?.allOf)) continue;
      const allOf = (schema.allOf as unknown[]).map((part) =>
        isObject(part) && refName(part.$ref) === base ? { ...part, $ref: `${LOCAL_PREFIX}${base}__base` } : part);
      out[target] = { ...schema, allOf };
    }
  }
  for (const base of discriminated.keys()) out[`${base}__base`] = withoutDiscriminators(out[base]);
  return out;
}

/** A copy of the document whose schemas (in components, responses and paths) are JSON Schema. */
export function adaptOpenApiSchemas<T extends { paths: unknown; components: { schemas: Record<string, Schema> } }>(doc: T): T {
  const schemas = pointTargetsAtBase(doc.components.schemas, discriminatedComponents(doc.components.schemas));
  const adapt = (node: Schema): Schema => absoluteRef(nullableToAnyOf(oneOfToAnyOf(dispatchOnDiscriminator(node))));
  return {
    ...doc,
    paths: mapDeep(doc.paths, adapt),
    components: mapDeep({ ...doc.components, schemas }, adapt) as T['components'],
  };
}
