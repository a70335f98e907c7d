/**
 * A loopback file host for the security tests: serves generated files of any size (byte i of
 * every file is patternByte(i), so a body of gigabytes costs no memory) with single `Range`
 * requests, and records what happened — TCP connections accepted, requests, and per response the
 * bytes written and whether the client broke it off. Knobs: ignore `Range` (200 with the whole
 * file, written with back-pressure), hold every new request until release() (deterministic
 * "in flight" states), and redirects.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedResponse {
  path: string;
  status: number;
  /** Bytes the response declared (Content-Length). */
  declared: number;
  written: number;
  /** The whole body was handed to the socket. */
  finished: boolean;
  /** The connection closed before the body was finished. */
  cutOff: boolean;
}

export interface LoopbackFiles {
  url: string;
  port: number;
  /** TCP connections accepted so far (a refused fetch never opens one). */
  connections: number;
  requests: Array<{ method: string; path: string; range: string | null }>;
  responses: ServedResponse[];
  /** Serves a generated file of `size` bytes at `path`. */
  put(path: string, size: number): string;
  redirect(path: string, location: string, status?: number): string;
  ignoreRange: boolean;
  /** From now on, requests wait (headers not sent) until release(). */
  hold(): void;
  release(): void;
  /** Requests waiting for release(). */
  readonly waiting: number;
  close(): Promise<void>;
}

export function patternByte(offset: number): number {
  return (offset * 31 + 7) % 251;
}

export function patternBytes(start: number, end: number): Buffer {
  const out = Buffer.alloc(end - start + 1);
  for (let i = 0; i < out.length; i += 1) out[i] = patternByte(start + i);
  return out;
}

const CHUNK = 64 * 1024;
const SINGLE_RANGE = /^bytes=(\d+)-(\d*)$/;

export async function startLoopbackFiles(host = '127.0.0.1'): Promise<LoopbackFiles> {
  const files = new Map<string, number>();
  const redirects = new Map<string, { location: string; status: number }>();
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  let waiting = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    state.requests.push({ method: req.method ?? 'GET', path, range: req.headers.range ?? null });
    if (gate) {
      waiting += 1;
      await gate.promise;
      waiting -= 1;
    }
    const redirect = redirects.get(path);
    if (redirect) {
      res.writeHead(redirect.status, { location: redirect.location, 'content-length': 0 });
      return void res.end();
    }
    const size = files.get(path);
    if (size === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end('{"code":"NotFound"}');
    }
    const match = state.ignoreRange ? null : SINGLE_RANGE.exec(req.headers.range ?? '');
    const start = match ? Number(match[1]) : 0;
    const end = match ? Math.min(size - 1, match[2] === '' ? size - 1 : Number(match[2])) : size - 1;
    if (match && start >= size) {
      res.writeHead(416, { 'content-range': `bytes */${size}`, 'content-length': 0 });
      return void res.end();
    }
    const headers: Record<string, string> = { 'content-type': 'image/tiff', etag: `"${size}"`, 'accept-ranges': 'bytes', 'content-length': String(end - start + 1) };
    if (match) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    const served: ServedResponse = { path, status: match ? 206 : 200, declared: end - start + 1, written: 0, finished: false, cutOff: false };
    state.responses.push(served);
    res.writeHead(served.status, headers);
    res.on('close', () => { served.cutOff = !served.finished; });
    let offset = start;
    const pump = () => {
      while (offset <= end && !res.destroyed) {
        const last = Math.min(end, offset + CHUNK - 1);
        const ok = res.write(patternBytes(offset, last));
        served.written += last - offset + 1;
        offset = last + 1;
        if (!ok) return void res.once('drain', pump);
      }
      if (offset > end && !res.destroyed) res.end(() => { served.finished = true; });
    };
    pump();
  }

  const server = createServer((req, res) => { void handle(req, res); });
  server.on('connection', () => { state.connections += 1; });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const state: LoopbackFiles = {
    url,
    port,
    connections: 0,
    requests: [],
    responses: [],
    put(path, size) {
      files.set(path, size);
      return `${url}${path}`;
    },
    redirect(path, location, status = 302) {
      redirects.set(path, { location, status });
      return `${url}${path}`;
    },
    ignoreRange: false,
    hold() {
      if (gate) return;
      let open = () => undefined as void;
      const promise = new Promise<void>((resolve) => { open = resolve; });
      gate = { promise, open };
    },
    release() {
      gate?.open();
      gate = null;
    },
    get waiting() {
      return waiting;
    },
    close: () => new Promise<void>((resolve) => {
      state.release();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return state;
}
