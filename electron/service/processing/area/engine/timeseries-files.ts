/**
 * The files a time-series job leaves: `result.json` (TimeseriesResult, spec-15) and `result.csv`
 * (one row per entry: datetime,source,platform,variable,mean,median,std,min,max,p10,p90,
 * valid_pixels,cloud_fraction,scenes — scenes `;`-joined, null as an empty cell), served by
 * GET /api/v1/jobs/{id}/result.json and result.csv. Written atomically (temp name, rename).
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TIMESERIES_STATISTICS, type TimeseriesEntry, type TimeseriesResult } from '../../../jobs/area-job-types';

export const SERIES_JSON_FILE = 'result.json';
export const SERIES_CSV_FILE = 'result.csv';

export const SERIES_CSV_COLUMNS = ['datetime', 'source', 'platform', 'variable', ...TIMESERIES_STATISTICS, 'scenes'] as const;

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // Ids and names hold no separators; quote anyway should one ever appear.
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function seriesCsv(entries: readonly TimeseriesEntry[]): string {
  const rows = entries.map((e) => [e.datetime, e.source, e.platform, e.variable, ...TIMESERIES_STATISTICS.map((s) => e[s]), e.scenes.join(';')].map(cell).join(','));
  return `${[SERIES_CSV_COLUMNS.join(','), ...rows].join('\n')}\n`;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, text);
  await rename(partial, path);
}

export async function writeSeriesFiles(workDir: string, result: TimeseriesResult): Promise<void> {
  await writeAtomically(join(workDir, SERIES_CSV_FILE), seriesCsv(result.entries));
  await writeAtomically(join(workDir, SERIES_JSON_FILE), JSON.stringify(result));
}
