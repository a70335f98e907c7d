/**
 * Plain words for sources that did not answer fully: "Planetary Computer timed out — results from
 * 2 of 3 sources". The service answers a failed source from its cache where it can
 * (`served_from_cache`); online, that still means the source itself did not answer.
 */
import type { SearchWarning, SourceId } from '../../../../electron/service/api/contract';
import { SOURCE_LABEL } from '../../map/footprints/footprint-colours';
import { useWorkingOffline } from '../../state/connectivity-store';

const PHRASE: Record<SearchWarning['code'], string> = {
  timeout: 'timed out',
  upstream_error: 'failed',
  rate_limited: 'is rate-limiting requests',
  served_from_cache: 'did not answer — its results come from the local cache',
  partial: 'returned partial results',
  count_incomplete: 'could not be counted in time — the total is unknown',
};

/** Codes after which a source contributed nothing live. */
const NOT_LIVE: ReadonlySet<SearchWarning['code']> = new Set(['timeout', 'upstream_error', 'rate_limited', 'served_from_cache']);

export function warningSentence(warning: SearchWarning, offline: boolean): string {
  const label = SOURCE_LABEL[warning.source] ?? warning.source;
  if (warning.code === 'served_from_cache' && offline) return `${label}: results from the local cache (offline)`;
  return `${label} ${PHRASE[warning.code] ?? warning.code}`;
}

export function SourceWarnings({ warnings, searched }: { warnings: SearchWarning[]; searched: readonly SourceId[] }) {
  const offline = useWorkingOffline();
  if (warnings.length === 0) return null;
  const notLive = new Set(warnings.filter((w) => NOT_LIVE.has(w.code)).map((w) => w.source));
  const live = searched.filter((s) => !notLive.has(s)).length;
  // A source that did not answer cannot be counted either; saying so again adds nothing.
  const shown = warnings.filter((w) => w.code !== 'count_incomplete' || !notLive.has(w.source));
  if (shown.length === 0) return null;
  return (
    <div className="source-warnings" role="status" data-testid="source-warnings">
      {shown.map((w) => (
        <p key={`${w.source}-${w.code}`} className={`source-warning warning-${w.code}`} title={w.message}>
          {warningSentence(w, offline)}
          {NOT_LIVE.has(w.code) && !offline && searched.length > 1 && ` — ${w.code === 'served_from_cache' ? 'live ' : ''}results from ${live} of ${searched.length} sources`}
        </p>
      ))}
    </div>
  );
}
