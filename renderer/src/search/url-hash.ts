/**
 * The URL hash mirrors the view and the search form, so a link reopens the same search:
 * `#bbox=minLon,minLat,maxLon,maxLat&datetime=a/b&cloud=20&sources=sentinel-2,landsat&aoi=…`.
 * Pure: parse and format only.
 */
import type { Bbox, SourceId } from '../../../electron/service/api/contract';
import { ALL_SOURCES } from '../state/search-form-store';

export interface HashState {
  bbox?: Bbox;
  aoi?: Bbox;
  start?: string;
  end?: string;
  cloud?: number;
  sources?: SourceId[];
}

function parseBbox(raw: string | null): Bbox | undefined {
  if (!raw) return undefined;
  const parts = raw.split(',').map(Number);
  if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v))) return undefined;
  const [minLon, minLat, maxLon, maxLat] = parts;
  if (minLat < -90 || maxLat > 90 || minLat >= maxLat || Math.abs(minLon) > 180 || Math.abs(maxLon) > 180) return undefined;
  return [minLon, minLat, maxLon, maxLat];
}

export function parseHash(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: HashState = {};
  const bbox = parseBbox(params.get('bbox'));
  if (bbox) state.bbox = bbox;
  const aoi = parseBbox(params.get('aoi'));
  if (aoi) state.aoi = aoi;
  const datetime = params.get('datetime');
  if (datetime) {
    const [a, b] = datetime.split('/');
    state.start = a && a !== '..' ? a.slice(0, 10) : '';
    state.end = b && b !== '..' ? b.slice(0, 10) : '';
  }
  const cloud = params.get('cloud');
  if (cloud !== null && cloud !== '' && Number.isFinite(Number(cloud))) state.cloud = Math.min(100, Math.max(0, Number(cloud)));
  const sources = params.get('sources');
  if (sources !== null) state.sources = ALL_SOURCES.filter((s) => sources.split(',').includes(s));
  return state;
}

const round = (v: number) => String(Number(v.toFixed(4)));
const bboxText = (b: Bbox) => b.map(round).join(',');

/** Commas, slashes and colons stay readable; everything else is encoded. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%3A/gi, ':');
}

export function formatHash(state: HashState): string {
  const parts: string[] = [];
  if (state.bbox) parts.push(`bbox=${bboxText(state.bbox)}`);
  if (state.start !== undefined || state.end !== undefined) parts.push(`datetime=${encode(`${state.start || '..'}/${state.end || '..'}`)}`);
  if (state.cloud !== undefined) parts.push(`cloud=${round(state.cloud)}`);
  if (state.sources) parts.push(`sources=${encode(state.sources.join(','))}`);
  if (state.aoi) parts.push(`aoi=${bboxText(state.aoi)}`);
  return parts.length ? `#${parts.join('&')}` : '';
}
