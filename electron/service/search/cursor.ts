/**
 * The API's opaque paging cursor: base64url JSON of every stream's position (see types.ts
 * StreamState), the scenes recently returned (for de-duplication across pages), the search's
 * count (made once, on the first page) and the fingerprint of the search it belongs to, followed
 * by `.` and an HMAC tag.
 *
 * The tag matters: positions are adapter-private and may hold upstream tokens or URLs, so an
 * edited cursor must never reach an adapter. The secret defaults to one random value per process
 * (cursors then die with a restart); the server may pass a persisted one instead.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { invalidParameter } from '../api/errors';
import { isSourceId } from './scoped-id';
import type { SourcePosition } from '../sources/types';
import type { CursorState, FederatedSearchRequest, MatchedCount, SeenScene, StreamState } from './types';

const VERSION = 2;
const PROCESS_SECRET = randomBytes(32).toString('base64url');

interface WireStream { p: SourcePosition | null; c?: number; x?: 1 }
/** `m`: the matched count, or [source, message] of the `count_incomplete` warning. */
interface WireCursor { v: number; f: string; s: Record<string, WireStream>; n: [string, number][]; m: number | [string, string] }

/** Stable digest of everything that decides a search's results (all but the cursor). */
export function requestFingerprint(request: Omit<FederatedSearchRequest, 'cursor'>): string {
  const canonical = canonicalJson({
    sources: request.sources,
    query: request.query,
    limit: request.limit,
    sortby: request.sortby,
  });
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

export function encodeCursor(state: CursorState, secret: string = PROCESS_SECRET): string {
  const wire: WireCursor = {
    v: VERSION,
    f: state.fingerprint,
    s: Object.fromEntries(Object.entries(state.streams).map(([key, s]) => [key, toWire(s)])),
    n: state.seen.map((s) => [s.key, s.horizon]),
    m: state.count.matched !== null ? state.count.matched : [state.count.warning.source, state.count.warning.message],
  };
  const payload = Buffer.from(JSON.stringify(wire)).toString('base64url');
  return `${payload}.${tag(payload, secret)}`;
}

/** Decodes a cursor made by encodeCursor for the search with `fingerprint`; 400 `cursor` otherwise. */
export function decodeCursor(token: string, fingerprint: string, secret: string = PROCESS_SECRET): CursorState {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined || !sameTag(mac, tag(payload, secret))) {
    throw invalidParameter('cursor', 'is not a cursor this service issued; use the next link unchanged');
  }
  const wire = parseWire(payload);
  if (wire.f !== fingerprint) {
    throw invalidParameter('cursor', 'belongs to a different search; repeat the search without cursor');
  }
  return {
    fingerprint: wire.f,
    streams: Object.fromEntries(Object.entries(wire.s).map(([key, s]) => [key, fromWire(s)])),
    seen: wire.n.map(([key, horizon]): SeenScene => ({ key, horizon })),
    count: countFromWire(wire.m),
  };
}

function countFromWire(m: WireCursor['m']): MatchedCount {
  if (typeof m === 'number') return { matched: m };
  const [source, message] = m;
  if (!isSourceId(source)) throw invalidParameter('cursor', 'comes from an incompatible version; repeat the search without cursor');
  return { matched: null, warning: { source, code: 'count_incomplete', message } };
}

function toWire(s: StreamState): WireStream {
  return {
    p: s.position,
    ...(s.consumed > 0 ? { c: s.consumed } : {}),
    ...(s.exhausted ? { x: 1 as const } : {}),
  };
}

function fromWire(s: WireStream): StreamState {
  return { position: s.p, consumed: s.c ?? 0, exhausted: s.x === 1 };
}

function tag(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22);
}

function sameTag(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A tagged payload came from this service, so shape errors here mean a version change, not an attack. */
function parseWire(payload: string): WireCursor {
  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidParameter('cursor', 'could not be decoded');
  }
  if (!isWireCursor(wire)) throw invalidParameter('cursor', 'comes from an incompatible version; repeat the search without cursor');
  return wire;
}

function isWireCursor(value: unknown): value is WireCursor {
  if (typeof value !== 'object' || value === null) return false;
  const w = value as Partial<WireCursor>;
  return w.v === VERSION && typeof w.f === 'string' && typeof w.s === 'object' && w.s !== null && Array.isArray(w.n)
    && Object.values(w.s).every(isWireStream) && isWireCount(w.m)
    && w.n.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number');
}

function isWireStream(value: unknown): value is WireStream {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as WireStream;
  return (s.p === null || (typeof s.p === 'object' && !Array.isArray(s.p)))
    && (s.c === undefined || (Number.isInteger(s.c) && s.c >= 0))
    && (s.x === undefined || s.x === 1);
}

function isWireCount(value: unknown): value is WireCursor['m'] {
  return (typeof value === 'number' && Number.isInteger(value) && value >= 0)
    || (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string');
}

/** JSON with object keys sorted, so equal requests give equal fingerprints. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
