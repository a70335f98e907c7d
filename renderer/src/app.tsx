import { useEffect, useMemo, useState } from 'react';
import { ApiClient, isApiError } from './api/client';
import { resolveConnection } from './api/connection';
import type { HealthResponse } from '../../electron/service/api/types';
import './styles.css';

type HealthState = { kind: 'loading' } | { kind: 'ok'; health: HealthResponse } | { kind: 'error'; message: string };

export function App() {
  const client = useMemo(() => new ApiClient(resolveConnection()), []);
  const [health, setHealth] = useState<HealthState>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    client.health(controller.signal).then(
      (h) => setHealth({ kind: 'ok', health: h }),
      (error: unknown) => {
        if ((error as Error).name !== 'AbortError') setHealth({ kind: 'error', message: isApiError(error) ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [client]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>ASTRA Desktop</h1>
        <span data-testid="health-status" className={`health health-${health.kind}`}>
          {health.kind === 'loading' && 'Connecting…'}
          {health.kind === 'ok' && `Service ${health.health.status} · v${health.health.version}${health.health.offline ? ' · offline' : ''}`}
          {health.kind === 'error' && `Service unavailable: ${health.message}`}
        </span>
      </header>
      <main className="app-body">
        <section className="map-area" aria-label="Map">Map</section>
        <aside className="side-panel" aria-label="Side panel">Search and results</aside>
      </main>
    </div>
  );
}
