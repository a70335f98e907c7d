/**
 * The offline cache: what GET /cache reports (sizes, counts, limit) and a Clear button.
 * Byte counts are shown as sizes, ratios as percentages; nested groups are flattened one level.
 * The files of finished jobs are listed apart: they are on the same disk but not part of the
 * cache (Clear leaves them; deleting a job or result retention removes them).
 */
import { useCallback, useEffect, useState } from 'react';
import type { CacheReport } from '../../../../electron/service/api/contract';
import { clearCache, getCache } from '../../api/cache-api';
import { errorMessage, isAbortError } from '../../api/errors';
import { useApiClient } from '../../app-services';
import { formatBytes } from '../../util/format';
import { OfflineSwitch } from './offline-switch';

function formatNumber(key: string, value: number): string {
  if (/bytes?$|^limit$/i.test(key)) return formatBytes(value);
  if (/ratio$/i.test(key)) return `${(value * 100).toFixed(1)} %`;
  return value.toLocaleString();
}

function rows(report: Record<string, unknown>, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(report)) {
    const label = `${prefix}${key}`.replace(/_/g, ' ');
    if (value === null) out.push([label, '—']);
    else if (typeof value === 'number') out.push([label, formatNumber(key, value)]);
    else if (typeof value === 'string' || typeof value === 'boolean') out.push([label, String(value)]);
    else if (value && typeof value === 'object' && !Array.isArray(value) && !prefix) out.push(...rows(value as Record<string, unknown>, `${key} · `));
  }
  return out;
}

function ResultsUsage({ results }: { results: CacheReport['results'] | undefined }) {
  if (!results) return null;
  const files = results.count === 1 ? '1 job' : `${results.count.toLocaleString()} jobs`;
  return (
    <p className="hint" data-testid="cache-results">
      Job results: {formatBytes(results.bytes)} in {files} (not part of the cache; delete a job to remove its files).
    </p>
  );
}

function cacheOnly(report: CacheReport): Record<string, unknown> {
  const { results: _results, ...cache } = report;
  return cache;
}

export function CachePanel() {
  const client = useApiClient();
  const [report, setReport] = useState<{ state: 'loading' } | { state: 'ok'; value: CacheReport } | { state: 'error'; message: string }>({ state: 'loading' });
  const [confirming, setConfirming] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getCache(client, controller.signal).then(
      (value) => setReport({ state: 'ok', value }),
      (error: unknown) => {
        if (!isAbortError(error)) setReport({ state: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [client, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const clear = async () => {
    setClearing(true);
    try {
      await clearCache(client);
      setConfirming(false);
      reload();
    } catch (e) {
      setReport({ state: 'error', message: errorMessage(e) });
    } finally {
      setClearing(false);
    }
  };

  return (
    <section className="cache-panel" aria-label="Offline cache" data-testid="cache-panel">
      <p className="hint">Everything the app has seen — search pages, scene metadata, image blocks — is kept here so review keeps working offline.</p>
      <OfflineSwitch onChanged={reload} />
      {report.state === 'loading' && <p className="panel-empty">Reading the cache…</p>}
      {report.state === 'error' && (
        <p className="error-text" role="alert" data-testid="cache-error">
          Cache information unavailable: {report.message}
        </p>
      )}
      {report.state === 'ok' && (
        <>
          <dl className="metadata" data-testid="cache-report">
            {rows(cacheOnly(report.value)).map(([k, v]) => (
              <div key={k} className="metadata-row">
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          <ResultsUsage results={report.value.results} />
        </>
      )}
      <div className="panel-actions">
        <button type="button" onClick={reload}>
          Refresh
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger" data-testid="cache-clear-confirm" onClick={clear} disabled={clearing}>
              {clearing ? 'Clearing…' : 'Yes, clear the cache'}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="danger" data-testid="cache-clear" onClick={() => setConfirming(true)}>
            Clear cache
          </button>
        )}
      </div>
    </section>
  );
}
