/**
 * Result retention settings (`results_max_age_days`, `results_max_bytes` of GET|PUT
 * /api/v1/settings), kept in the `settings` table (migration 008) so they outlive a restart.
 * null = no limit, the default: results stay until deleted.
 */
import { invalidParameter } from '../api/errors';
import type { Db } from '../db/open-database';
import type { RetentionSettings } from '../cache/types';
import type { RetentionPolicy } from '../jobs/result-retention';

export type { RetentionSettings };

export const RETENTION_SETTING_NAMES = ['results_max_age_days', 'results_max_bytes'] as const;

const MIN_MAX_BYTES = 1024 * 1024;
const MAX_AGE_DAYS = 36_500;

function limitField(body: Record<string, unknown>, name: keyof RetentionSettings, min: number, max: number, unit: string): number | null | undefined {
  if (!(name in body)) return undefined;
  const value = body[name];
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidParameter(name, `must be null (no limit) or an integer number of ${unit} from ${min} to ${max}`);
  }
  return value;
}

/** The retention fields present in a PUT body, validated (400 naming the field). Pure. */
export function parseRetentionPatch(body: Record<string, unknown>): Partial<RetentionSettings> {
  const patch: Partial<RetentionSettings> = {};
  const age = limitField(body, 'results_max_age_days', 1, MAX_AGE_DAYS, 'days');
  const bytes = limitField(body, 'results_max_bytes', MIN_MAX_BYTES, Number.MAX_SAFE_INTEGER, 'bytes');
  if (age !== undefined) patch.results_max_age_days = age;
  if (bytes !== undefined) patch.results_max_bytes = bytes;
  return patch;
}

export class RetentionSettingsStore {
  constructor(private readonly db: Db) {}

  get(): RetentionSettings {
    const rows = this.db.prepare<[], { name: string; value: string }>(
      "SELECT name, value FROM settings WHERE name IN ('results_max_age_days', 'results_max_bytes')",
    ).all();
    const stored = Object.fromEntries(rows.map((row) => [row.name, JSON.parse(row.value) as number | null]));
    return { results_max_age_days: stored.results_max_age_days ?? null, results_max_bytes: stored.results_max_bytes ?? null };
  }

  set(patch: Partial<RetentionSettings>): RetentionSettings {
    const upsert = this.db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const name of RETENTION_SETTING_NAMES) if (patch[name] !== undefined) upsert.run(name, JSON.stringify(patch[name]));
    })();
    return this.get();
  }

  /** As the job queue applies it. */
  policy(): RetentionPolicy {
    const settings = this.get();
    return { maxAgeDays: settings.results_max_age_days, maxBytes: settings.results_max_bytes };
  }
}
