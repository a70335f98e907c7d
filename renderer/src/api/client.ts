/**
 * The renderer's only door to the service: calls over fetch with the bearer key, typed by the API
 * contract (electron/service/api/contract.ts): `call('GET /api/v1/jobs/{id}', {params: {id}})`
 * takes that route's path parameters, query and body and answers its response type. Errors come
 * back as ApiError rebuilt from the api.md error body (checked by code, not instanceof). Every
 * outcome is reported to an optional observer, which is how the offline indicator learns that the
 * service or the upstream catalogs stopped answering.
 */
import type { ApiRoute, BodyOf, ErrorBody, ErrorCode, PathParamsOf, QueryOf, ResponseOf } from '../../../electron/service/api/contract';
import type { Connection } from './connection';

export class ApiError extends Error {
  readonly code: ErrorCode | 'network';
  readonly status: number;
  readonly parameter?: string;

  constructor(code: ErrorCode | 'network', message: string, status: number, parameter?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.parameter = parameter;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && (value as { name?: string }).name === 'ApiError';
}

/** What happened to one request, for whoever tracks connectivity. */
export type RequestOutcome = 'ok' | 'service-unreachable' | 'upstream-unreachable';

export interface RequestObserver {
  (outcome: RequestOutcome): void;
}

/** What one call of `route` sends; parameters the route does not have cannot be given. */
export type CallInput<R extends ApiRoute> =
  & (keyof PathParamsOf<R> extends never ? { params?: never } : { params: PathParamsOf<R> })
  & ([QueryOf<R>] extends [never] ? { query?: never } : { query?: QueryOf<R> })
  & ([BodyOf<R>] extends [never] ? { body?: never } : { body: BodyOf<R> })
  & { signal?: AbortSignal };

/** `/api/v1/jobs/{id}` with each `{name}` replaced by its encoded value, and the query's defined values. */
export function routePath(template: string, params: Record<string, string> = {}, query: object = {}): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)]));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** `/api/v1/scenes/{id}/assets/…`: bytes of one file, not an answer of a catalog. */
function isAssetPath(path: string): boolean {
  return /^\/api\/v1\/scenes\/[^/?]+\/assets\//.test(path);
}

export class ApiClient {
  private observer: RequestObserver | null = null;

  constructor(readonly connection: Connection) {}

  /** One observer at a time (the connectivity store); returns an unsubscribe. */
  observe(observer: RequestObserver): () => void {
    this.observer = observer;
    return () => {
      if (this.observer === observer) this.observer = null;
    };
  }

  url(path: string): string {
    return new URL(path, this.connection.apiBase).toString();
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.connection.key ? { Authorization: `Bearer ${this.connection.key}`, ...extra } : extra;
  }

  /** fetch with the key; network failures become ApiError('network'), aborts pass through untouched. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(this.url(path), { ...init, headers: { ...this.headers(), ...(init.headers as Record<string, string> | undefined) } });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      this.observer?.('service-unreachable');
      throw new ApiError('network', 'The ASTRA service cannot be reached.', 0);
    }
    // One asset that its host refuses or lacks (a missing thumbnail) says nothing about the catalogs.
    const upstreamFailed = (response.status === 502 || response.status === 504) && !isAssetPath(path);
    this.observer?.(upstreamFailed ? 'upstream-unreachable' : 'ok');
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const response = await this.fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** One route of the contract, typed by it. */
  call<R extends ApiRoute>(route: R, ...[input]: keyof PathParamsOf<R> extends never ? [CallInput<R>?] : [CallInput<R>]): Promise<ResponseOf<R>> {
    const [method, template] = route.split(' ');
    const { params, query, body, signal } = (input ?? {}) as { params?: Record<string, string>; query?: object; body?: unknown; signal?: AbortSignal };
    return this.request<ResponseOf<R>>(method, routePath(template, params, query), body, signal);
  }

  health(signal?: AbortSignal): Promise<ResponseOf<'GET /api/v1/health'>> {
    return this.call('GET /api/v1/health', { signal });
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = null;
  }
  const err = body?.error;
  let message = err?.message ?? `HTTP ${response.status}`;
  const retryAfter = response.headers.get('Retry-After');
  if (response.status === 429 && retryAfter && !/retry/i.test(message)) message += ` (retry in ${retryAfter} s)`;
  return new ApiError(err?.code ?? 'internal', message, response.status, err?.parameter);
}
