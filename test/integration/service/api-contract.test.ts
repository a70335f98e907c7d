/**
 * The API contract (electron/service/api/contract.ts), the OpenAPI document a real service serves
 * and the routes that service registers agree: the same operations; each with the success
 * statuses, body and response schemas its contract entry names; query parameters, route
 * validation schemas and body schemas with exactly the contract's fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, REQUEST_FIELDS, type ApiRoute, type OpenApiDocument, type RouteTypes } from '../../../electron/service/api/contract';
import { SEARCH_PARAMETERS } from '../../../electron/service/search';
import { startTestService, type TestService } from '../../helpers/test-service';

type Operation = { parameters?: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, { schema: { $ref?: string } }> }; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> };
type FieldsName = keyof typeof REQUEST_FIELDS;

let svc: TestService;
let doc: OpenApiDocument;

beforeAll(async () => {
  svc = await startTestService();
  const response = await svc.api('/api/v1/openapi.json');
  expect(response.status).toBe(200);
  doc = (await response.json()) as OpenApiDocument;
});
afterAll(async () => { await svc?.close(); });

const contractRoutes = () => (Object.keys(API_ROUTES) as ApiRoute[]).sort();
const entryOf = (route: string): RouteTypes => API_ROUTES[route as ApiRoute];
const operationOf = (route: string): Operation => {
  const [method, path] = route.split(' ');
  return doc.paths[path]?.[method.toLowerCase()] as Operation;
};
const documented = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`)).sort();
const sorted = (names: readonly string[]) => [...names].sort();
const fieldsOf = (name: string) => sorted(REQUEST_FIELDS[name as FieldsName] ?? []);
const refName = (schema: { $ref?: string } | undefined) => schema?.$ref?.replace('#/components/schemas/', '');
const propertyNames = (schema: unknown) => sorted(Object.keys((schema as { properties?: object } | undefined)?.properties ?? {}));

/**
 * The ASTRA API routes the server registered, as `METHOD /path/{param}`; fastify's automatic HEAD
 * of a GET left out. The local openEO back-end's routes (family `openeo`, under /api/v1/openeo) are
 * specified by the openEO API instead: their agreement with the capabilities' `endpoints` and the
 * openEO openapi.yaml is test/integration/openeo/local-discovery.test.ts.
 */
function registered() {
  const routes = svc.service.routes.filter((r) => r.url.startsWith('/api/v1') && r.method !== 'OPTIONS' && r.family !== 'openeo');
  const key = (r: { method: string; url: string }) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`;
  const gets = new Set(routes.filter((r) => r.method === 'GET').map(key));
  return routes.filter((r) => r.method !== 'HEAD' || !gets.has(key({ ...r, method: 'GET' })) || key(r) in API_ROUTES)
    .map((r) => ({ ...r, key: key(r) }));
}

describe('the API contract', () => {
  it('has the operations the OpenAPI document describes and the server registers — no more, no fewer', () => {
    expect(documented()).toEqual(contractRoutes());
    expect(registered().map((r) => r.key).sort()).toEqual(contractRoutes());
  });

  it('leaves out only the openEO routes, all under /api/v1/openeo, and says where they are specified', () => {
    const openEo = svc.service.routes.filter((r) => r.family === 'openeo');
    expect(openEo.length).toBeGreaterThan(10);
    expect(openEo.filter((r) => !r.url.startsWith('/api/v1/openeo'))).toEqual([]);
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/api/v1/openeo'))).toEqual([]);
    expect(doc['x-openeo']).toMatchObject({ root: '/api/v1/openeo', capabilities: '/api/v1/openeo/', specification: 'https://api.openeo.org/1.2.0/' });
    expect(doc.info.description).toContain('/api/v1/openeo/');
  });

  it('gives each operation the success statuses of its contract entry', () => {
    for (const route of contractRoutes()) {
      const statuses = Object.keys(operationOf(route).responses).map(Number).filter((s) => s >= 200 && s < 300);
      expect(statuses, route).toEqual([...entryOf(route).success]);
    }
  });

  it('takes and answers the wire types it names, each a schema of the document', () => {
    const schemas = doc.components.schemas;
    for (const route of contractRoutes()) {
      const entry = entryOf(route);
      const operation = operationOf(route);
      const bodyRef = refName(Object.values(operation.requestBody?.content ?? {})[0]?.schema);
      expect(bodyRef, `${route} body`).toBe(entry.body);
      if (entry.body) expect(schemas[entry.body], `${route}: schema ${entry.body}`).toBeDefined();
      for (const status of entry.success) {
        const content = operation.responses[status].content;
        const expected = entry.response === 'bytes' || entry.response === 'empty' || status === 204 ? undefined : entry.response;
        expect(refName(Object.values(content ?? {})[0]?.schema), `${route} ${status}`).toBe(expected);
        if (expected) expect(schemas[expected], `${route}: schema ${expected}`).toBeDefined();
      }
    }
    // Every reference in the document resolves.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((name) => !(name in schemas))).toEqual([]);
  });

  it('lists as query parameters exactly the fields of its query types, and the routes validate those fields', () => {
    const routes = registered();
    for (const route of contractRoutes()) {
      const entry = entryOf(route);
      const parameters = (operationOf(route).parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect(sorted(parameters), route).toEqual(entry.query ? fieldsOf(entry.query) : []);
      const validated = routes.find((r) => r.key === route)?.schema?.querystring;
      if (validated) expect(propertyNames(validated), `${route} querystring schema`).toEqual(fieldsOf(entry.query ?? ''));
    }
  });

  it('describes each object body with exactly the fields of its type, as the routes validate them', () => {
    const routes = registered();
    for (const route of contractRoutes()) {
      const body = entryOf(route).body;
      if (!body || !(body in REQUEST_FIELDS)) continue;
      expect(propertyNames(doc.components.schemas[body]), `schema ${body}`).toEqual(fieldsOf(body));
      const validated = routes.find((r) => r.key === route)?.schema?.body;
      if (propertyNames(validated).length > 0) expect(propertyNames(validated), `${route} body schema`).toEqual(fieldsOf(body));
    }
  });

  it("names the search parameters the search parser accepts", () => {
    expect(fieldsOf('SearchBody')).toEqual(sorted(SEARCH_PARAMETERS));
    expect(fieldsOf('SearchQuery')).toEqual(sorted(SEARCH_PARAMETERS.filter((name) => name !== 'intersects')));
  });
});
