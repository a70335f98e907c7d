/**
 * Ways to spell one request path that a client, proxy or attacker might send. `sameRoute` ones are
 * decoded by the router to the very route (so the answer must be that route's, e.g. 401);
 * the others may match nothing (404) but must never reach a private handler without a key.
 */
import type { RegisteredRoute } from '../../../electron/service/http/route-access';

export interface Spelling {
  label: string;
  target: string;
  sameRoute: boolean;
}

/** Plausible values for path parameters, so the request gets as far as a handler would. */
export function fillParams(url: string): string {
  const idFor = (path: string): string => {
    if (path.startsWith('/api/v1/keys')) return 'key_0123456789abcdef';
    if (path.startsWith('/api/v1/jobs')) return 'job_0123456789abcdef';
    if (path.startsWith('/api/v1/scenes')) return 'sentinel-2:S2B_10SEG_20240105_0_L2A';
    if (path.startsWith('/api/v1/stac/collections')) return 'sentinel-2-l2a';
    return 'x1';
  };
  return url.replace(/:(\w+)/g, (_match, name: string) => (name === 'band' ? 'B04' : name === 'id' ? idFor(url) : 'x1'));
}

function percentEncodeFirstLetter(segment: string, upperHex: boolean): string | null {
  const index = segment.search(/[a-z]/i);
  if (index === -1) return null;
  const hex = segment.charCodeAt(index).toString(16);
  return `${segment.slice(0, index)}%${upperHex ? hex.toUpperCase() : hex}${segment.slice(index + 1)}`;
}

function withSegment(segments: string[], index: number, value: string): string {
  return segments.map((s, i) => (i === index ? value : s)).join('/');
}

export function spellingsOf(path: string, port: number): Spelling[] {
  const segments = path.split('/'); // ['', 'api', 'v1', ...]
  const last = segments.length - 1;
  const out: Spelling[] = [{ label: 'as registered', target: path, sameRoute: true }];
  const add = (label: string, target: string | null, sameRoute: boolean) => {
    if (target && target !== path && !out.some((s) => s.target === target)) out.push({ label, target, sameRoute });
  };

  add('percent-encoded letter, first segment', percentEncodeFirstLetter(segments[1], false) && withSegment(segments, 1, percentEncodeFirstLetter(segments[1], false)!), true);
  add('percent-encoded letter, last segment (upper-case hex)', percentEncodeFirstLetter(segments[last], true) && withSegment(segments, last, percentEncodeFirstLetter(segments[last], true)!), true);
  add('every character of the last segment encoded', withSegment(segments, last, [...segments[last]].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')), true);
  add('with a query string', `${path}?x=1`, true);
  add('absolute-form target', `http://127.0.0.1:${port}${path}`, true);
  add('absolute-form target, another host name', `http://evil.example${path}`, true);
  add('absolute-form target with a percent-encoded letter', `http://127.0.0.1:${port}${withSegment(segments, 1, percentEncodeFirstLetter(segments[1], false) ?? segments[1])}`, true);

  add('upper-case first segment', withSegment(segments, 1, segments[1].toUpperCase()), false);
  add('upper-case last segment', withSegment(segments, last, segments[last].toUpperCase()), false);
  add('leading double slash', `/${path}`, false);
  add('double slash inside', withSegment(segments, 1, `${segments[1]}/`), false);
  add('trailing slash', `${path}/`, false);
  add('trailing double slash', `${path}//`, false);
  add('dot segment', withSegment(segments, 1, `${segments[1]}/.`), false);
  add('encoded dot segment', withSegment(segments, 1, `${segments[1]}/%2e`), false);
  add('dot-dot segment', withSegment(segments, 1, `${segments[1]}/x/..`), false);
  add('encoded dot-dot segment', withSegment(segments, 1, `${segments[1]}/x/%2e%2e`), false);
  add('encoded slashes', `/${segments.slice(1).join('%2F')}`, false);
  add('matrix parameter', `${path};x=1`, false);
  add('absolute-form target with a dot segment', `http://127.0.0.1:${port}${withSegment(segments, 1, `${segments[1]}/.`)}`, false);
  add('absolute-form target, upper-case scheme and host', `HTTP://LOCALHOST:${port}${path}`, false);
  return out;
}

/** Every registered route except the public ones, with its path parameters filled in. */
export function privateRoutes(routes: readonly RegisteredRoute[]): Array<RegisteredRoute & { path: string }> {
  return routes.filter((r) => r.access !== 'public').map((r) => ({ ...r, path: fillParams(r.url) }));
}
