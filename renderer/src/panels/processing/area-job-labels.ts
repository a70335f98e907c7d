/**
 * Names of the area jobs (composite, period change, time series) for the job list, the map and
 * exported files, read from the request they were submitted with. Pure.
 */
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** "2024-06-01/2024-08-31" → "2024-06-01 – 08-31" (the year once when both ends share it). */
export function periodLabel(datetime: unknown): string {
  const [start = '', end = ''] = str(datetime).split('/').map((part) => part.slice(0, 10));
  if (!start || !end) return str(datetime);
  return start.slice(0, 4) === end.slice(0, 4) ? `${start} – ${end.slice(5)}` : `${start} – ${end}`;
}

/** What each observation gave: true colour, an index, an expression or bands. */
export function variableLabel(request: Record<string, unknown>): string {
  const bands = Array.isArray(request.bands) ? request.bands.map(String) : null;
  if (bands) return bands.join(',') === 'red,green,blue' ? 'true colour' : bands.join(', ');
  if (request.expression) return `expression ${str(request.expression)}`;
  return (str(request.index) || 'ndvi').toUpperCase();
}

export const isPeriodChange = (request: Record<string, unknown>) => typeof request.before === 'object' && request.before !== null;

export const isTrueColour = (request: Record<string, unknown>) =>
  Array.isArray(request.bands) && request.bands.map(String).join(',') === 'red,green,blue';

function whereLabel(aoi: unknown): string {
  if (Array.isArray(aoi) && aoi.length === 2) {
    const [lon, lat] = aoi as number[];
    return `point ${lat.toFixed(4)}, ${lon.toFixed(4)}`;
  }
  return 'area';
}

const datetimeOf = (side: unknown) => (typeof side === 'object' && side !== null ? (side as { datetime?: unknown }).datetime : undefined);

export function areaJobTitle(type: string, request: Record<string, unknown>): string | null {
  switch (type) {
    case 'composite':
      return `Composite ${str(request.reducer) || 'median'} ${variableLabel(request)} · ${periodLabel(request.datetime)}`;
    case 'timeseries':
      return `Time series ${variableLabel(request)} · ${whereLabel(request.aoi)} · ${periodLabel(request.datetime)}`;
    case 'change':
      return isPeriodChange(request) ? `Change (${variableLabel(request)}) · ${periodLabel(datetimeOf(request.before))} → ${periodLabel(datetimeOf(request.after))}` : null;
    default:
      return null;
  }
}

/** A file-name part for an area job, e.g. `ndvi-median-2024-06-01_2024-08-31`; null for other jobs. */
export function areaFilePart(type: string, request: Record<string, unknown>): string | null {
  const period = (datetime: unknown) => str(datetime).split('/').map((p) => p.slice(0, 10)).join('_');
  const what = isTrueColour(request) ? 'rgb' : request.expression ? 'expression' : Array.isArray(request.bands) ? request.bands.join('-') : str(request.index) || 'ndvi';
  if (type === 'composite') return `${what}-${str(request.reducer)}-${period(request.datetime)}`;
  if (type === 'timeseries') return `${what}-${period(request.datetime)}`;
  if (type === 'change' && isPeriodChange(request)) return `${what}-${period(datetimeOf(request.before))}-to-${period(datetimeOf(request.after))}`;
  return null;
}
