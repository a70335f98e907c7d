/** The long-lived objects built at start-up (API client, map), handed to components by context. */
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from './api/client';
import type { MapController } from './map/map-controller';

export interface AppServices {
  client: ApiClient;
  mapController: MapController;
}

const AppServicesContext = createContext<AppServices | null>(null);

export function AppServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <AppServicesContext.Provider value={services}>{children}</AppServicesContext.Provider>;
}

function useServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('AppServicesProvider is missing');
  return services;
}

export const useApiClient = (): ApiClient => useServices().client;
export const useMapController = (): MapController => useServices().mapController;
