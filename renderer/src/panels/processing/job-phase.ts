/**
 * A running job's phase in words, with its counts, from `progress_detail` (area jobs): "Finding
 * scenes", "Reading · 12 of 40", "Reducing", "Writing · 3 of 16". Unknown phases are shown as
 * the service names them. Pure.
 */
import type { JobProgressDetail } from '../../../../electron/service/api/contract';

const PHASES: Record<string, string> = {
  finding_scenes: 'Finding scenes',
  finding: 'Finding scenes',
  searching: 'Finding scenes',
  search: 'Finding scenes',
  scenes: 'Finding scenes',
  reading: 'Reading',
  read: 'Reading',
  reducing: 'Reducing',
  reduce: 'Reducing',
  writing: 'Writing',
  write: 'Writing',
};

export function phaseText(detail: JobProgressDetail | null | undefined): string | null {
  if (!detail || typeof detail.phase !== 'string' || !detail.phase) return null;
  const key = detail.phase.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const spoken = key.replace(/_/g, ' ');
  const name = PHASES[key] ?? spoken.charAt(0).toUpperCase() + spoken.slice(1);
  const done = Number.isFinite(detail.done) ? detail.done : null;
  const total = typeof detail.total === 'number' && Number.isFinite(detail.total) && detail.total > 0 ? detail.total : null;
  if (total !== null) return `${name} · ${(done ?? 0).toLocaleString()} of ${total.toLocaleString()}`;
  return done ? `${name} · ${done.toLocaleString()}` : name;
}
