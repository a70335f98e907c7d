/**
 * Helpers of the local openEO back-end tests: every answer under /api/v1/openeo/ checked against
 * the vendored openapi.yaml — those @openeo/js-client receives (an axios interceptor on the very
 * axios instance the client requires) and those the tests fetch themselves — plus sign-in and
 * small request helpers.
 */
import type { AxiosError, AxiosResponse, AxiosStatic } from 'axios';
import { createRequire } from 'node:module';
import { matchOpenEoPath, openEoResponseErrors } from '../../../helpers/openeo-openapi-validator';
import type { TestService } from '../../../helpers/test-service';

export const OPENEO_ROOT = '/api/v1/openeo';

/** The CommonJS axios @openeo/js-client itself requires (an ESM import would be another instance). */
const clientAxios = createRequire(import.meta.url)('axios') as AxiosStatic;

export interface AnswerLog {
  /** One line per answer that broke the openEO API contract. */
  violations: string[];
  /** `METHOD path status` of every checked answer. */
  checked: string[];
  check(method: string, url: string, status: number, body: unknown, mediaType?: string): void;
  stop(): void;
}

function isStream(body: unknown): boolean {
  return typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';
}

/** Checks every answer of the local back-end at `origin` (js-client's and the tests' own) until stop(). */
export function checkOpenEoAnswers(origin: string): AnswerLog {
  const root = `${origin}${OPENEO_ROOT}`;
  const log: AnswerLog = {
    violations: [],
    checked: [],
    check(method, url, status, body, mediaType) {
      if (!url.startsWith(root)) return;
      const path = url.slice(root.length).split('?')[0] || '/';
      // Signed result downloads are files at URLs of the back-end's choosing, not API operations.
      if (/^\/downloads\//.test(path) || isStream(body) || (status < 300 && mediaType && !/json/.test(mediaType))) return;
      log.checked.push(`${method.toUpperCase()} ${path} ${status}`);
      if (!matchOpenEoPath(path) && status >= 400) {
        // No operation of the API (an unknown path): the answer must still be an openEO error.
        const error = body as { id?: unknown; code?: unknown; message?: unknown } | undefined;
        if (typeof error?.code !== 'string' || typeof error.message !== 'string' || typeof error.id !== 'string') log.violations.push(`${method} ${path}: ${status} not an openEO error: ${JSON.stringify(body)}`);
        return;
      }
      const errors = openEoResponseErrors({ path, method, status, body, mediaType });
      log.violations.push(...errors.map((error) => `${method.toUpperCase()} ${path}: ${error}`));
    },
    stop() {
      clientAxios.interceptors.response.eject(interceptor);
    },
  };
  const fromAxios = (response: AxiosResponse) => {
    const type = String(response.headers['content-type'] ?? '') || undefined;
    log.check(response.config.method ?? 'get', clientAxios.getUri(response.config), response.status, response.data === '' ? undefined : response.data, type);
  };
  const interceptor = clientAxios.interceptors.response.use((response) => {
    fromAxios(response);
    return response;
  }, (error: AxiosError) => {
    if (error.response) fromAxios(error.response);
    throw error;
  });
  return log;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** fetch under /api/v1/openeo, the answer checked by `log` (JSON parsed; bytes left as text). */
export async function openEoFetch(svc: TestService, log: AnswerLog, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${svc.url}${OPENEO_ROOT}${path}`, init);
  const type = response.headers.get('content-type') ?? undefined;
  const text = await response.text();
  const body = /json/.test(type ?? '') && text ? JSON.parse(text) as unknown : text || undefined;
  log.check(init.method ?? 'GET', `${svc.url}${OPENEO_ROOT}${path}`, response.status, body, type);
  return { status: response.status, headers: response.headers, body };
}

/** An access token for `key` from GET /credentials/basic. */
export async function openEoToken(svc: TestService, key: string, user = 'me'): Promise<string> {
  const response = await fetch(`${svc.url}${OPENEO_ROOT}/credentials/basic`, { headers: { authorization: `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}` } });
  if (response.status !== 200) throw new Error(`credentials/basic → ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer basic//${token}` });

export const jsonBody = (token: string, body: unknown, method = 'POST'): RequestInit => ({
  method, headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(body),
});

/** What a rejected js-client call carried: the openEO code, HTTP status and message. */
export async function clientRejection(promise: Promise<unknown>): Promise<{ code: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as { code?: string; message: string; response?: { status: number } };
    return { code: failure.code ?? '', status: failure.response?.status, message: failure.message };
  }
  throw new Error('expected the client call to fail');
}
