/**
 * The renderer's only door to the service: typed calls over fetch with the bearer key. Errors
 * come back as ApiError rebuilt from the api.md error body (checked by code, not instanceof).
 */
import type { ErrorBody, ErrorCode, HealthResponse } from '../../../electron/service/api/types';
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

export class ApiClient {
  constructor(readonly connection: Connection) {}

  url(path: string): string {
    return new URL(path, this.connection.apiBase).toString();
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.connection.key ? { Authorization: `Bearer ${this.connection.key}`, ...extra } : extra;
  }

  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError('network', 'The ASTRA service cannot be reached.', 0);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const err = (parsed as ErrorBody | null)?.error;
      throw new ApiError(err?.code ?? 'internal', err?.message ?? `HTTP ${response.status}`, response.status, err?.parameter);
    }
    return parsed as T;
  }

  health(signal?: AbortSignal): Promise<HealthResponse> {
    return this.request<HealthResponse>('GET', '/api/v1/health', undefined, signal);
  }
}
