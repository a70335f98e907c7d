/**
 * The header's status: the service's health and version, and an offline indicator when the
 * service runs from its cache, cannot be reached, or cannot reach the upstream catalogs.
 */
import { useHealth, useHealthError, useServiceReachable, useUpstreamReachable, useWorkingOffline } from '../../state/connectivity-store';

export function HealthBadge() {
  const health = useHealth();
  const error = useHealthError();
  const kind = error ? 'error' : health ? 'ok' : 'loading';
  return (
    <span data-testid="health-status" className={`health health-${kind}`}>
      {kind === 'loading' && 'Connecting…'}
      {kind === 'ok' && health && `Service ${health.status} · v${health.version}${health.offline ? ' · offline' : ''}`}
      {kind === 'error' && `Service unavailable: ${error}`}
    </span>
  );
}

export function OfflineIndicator() {
  const offline = useWorkingOffline();
  const serviceReachable = useServiceReachable();
  const upstreamReachable = useUpstreamReachable();
  let text: string | null = null;
  let title = '';
  if (!serviceReachable) {
    text = 'Service unreachable';
    title = 'The local ASTRA service does not answer. Is it still running?';
  } else if (offline) {
    text = 'Offline — cached data only';
    title = 'The service works offline: searches and imagery come from the local cache.';
  } else if (!upstreamReachable) {
    text = 'Offline — catalogs unreachable';
    title = 'No upstream catalog answered the last request; results come from the local cache where possible.';
  }
  if (!text) return null;
  return (
    <span className="offline-indicator" data-testid="offline-indicator" title={title} role="status">
      <span className="offline-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
