/**
 * Is the app online? Two witnesses: the service's own health (`offline` = it was started to work
 * from its cache) and what happened to the last requests (service gone, or upstream catalogs
 * unreachable: 502/504).
 */
import { create } from 'zustand';
import type { HealthResponse } from '../../../electron/service/api/contract';
import type { RequestOutcome } from '../api/client';

interface ConnectivityState {
  health: HealthResponse | null;
  /** The service's runtime offline switch, when known. */
  offlineMode: boolean;
  healthError: string | null;
  serviceReachable: boolean;
  upstreamReachable: boolean;
}

const useConnectivityStore = create<ConnectivityState>()(() => ({
  health: null,
  offlineMode: false,
  healthError: null,
  serviceReachable: true,
  upstreamReachable: true,
}));

export function healthReceived(health: HealthResponse): void {
  useConnectivityStore.setState({ health, healthError: null, serviceReachable: true });
}

export function offlineModeReported(offlineMode: boolean): void {
  useConnectivityStore.setState({ offlineMode });
}

export function healthFailed(message: string): void {
  useConnectivityStore.setState({ healthError: message });
}

export function requestFinished(outcome: RequestOutcome): void {
  const state = useConnectivityStore.getState();
  if (outcome === 'service-unreachable') {
    if (state.serviceReachable) useConnectivityStore.setState({ serviceReachable: false });
  } else if (outcome === 'upstream-unreachable') {
    if (!state.upstreamReachable || !state.serviceReachable) useConnectivityStore.setState({ serviceReachable: true });
    useConnectivityStore.setState({ upstreamReachable: false });
  } else if (!state.serviceReachable) {
    useConnectivityStore.setState({ serviceReachable: true });
  }
}

/** A search answered by at least one live source proves the catalogs are reachable again. */
export function upstreamAnswered(): void {
  if (!useConnectivityStore.getState().upstreamReachable) useConnectivityStore.setState({ upstreamReachable: true });
}

export const useHealth = () => useConnectivityStore((s) => s.health);
export const useWorkingOffline = () => useConnectivityStore((s) => s.offlineMode || Boolean(s.health?.offline));
export const useHealthError = () => useConnectivityStore((s) => s.healthError);
export const useServiceReachable = () => useConnectivityStore((s) => s.serviceReachable);
export const useUpstreamReachable = () => useConnectivityStore((s) => s.upstreamReachable);
