/**
 * A running job's phase in words, with its counts, from `progress_detail` (area jobs): "Finding
 * scenes", "Reading · 12 of 40", "Reducing", "Writing · 3 of 16". Unknown phases are shown as
 * the service names them. Pure.
 */
import type { JobPhase } from '../../../../electron/service/api/contract';

const PHASES: Record<JobPhase, string> = {
  finding_scenes: 'Finding scenes',
  reading: 'Reading',
  reducing: 'Reducing',
  writing: 'Writing',
};

/** `progress_detail` as the service sends it; a phase this renderer does not know yet is shown in its own words. */
export function phaseText(detail: { phase: string; done: number; total: number | null } | null | undefined): string | null {
  if (!detail || typeof detail.phase !== 'string' || !detail.phase) return null;
  const key = detail.phase.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const spoken = key.replace(/_/g, ' ');
  const name = PHASES[key as JobPhase] ?? spoken.charAt(0).toUpperCase() + spoken.slice(1);
  const done = Number.isFinite(detail.done) ? detail.done : null;
  const total = typeof detail.total === 'number' && Number.isFinite(detail.total) && detail.total > 0 ? detail.total : null;
  if (total !== null) return `${name} · ${(done ?? 0).toLocaleString()} of ${total.toLocaleString()}`;
  return done ? `${name} · ${done.toLocaleString()}` : name;
}
