/**
 * Start-up: find the service, build the API client and the map (outside React), wire the stores
 * to the URL hash, health and jobs polling, then render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'ol/ol.css';
import { ApiClient } from './api/client';
import { resolveConnection } from './api/connection';
import { App } from './app';
import { AppServicesProvider } from './app-services';
import { createMapController } from './map/map-controller';
import { ErrorBoundary } from './panels/shell/error-boundary';
import { startHashSync } from './search/hash-sync';
import { submitSearch } from './search/search-actions';
import { requestFinished } from './state/connectivity-store';
import { startHealthPolling } from './state/health-polling';
import { startJobsPolling } from './state/jobs-polling';
import { getMapArea, searchArea, subscribeMapArea } from './state/map-area-store';

const client = new ApiClient(resolveConnection());
client.observe(requestFinished);
const mapController = createMapController(client);

/** A search from a link waits until the map knows its area. */
function runSearchWhenAreaKnown(): void {
  if (searchArea(getMapArea())) {
    submitSearch(client);
    return;
  }
  const unsubscribe = subscribeMapArea((state) => {
    if (!searchArea(state)) return;
    unsubscribe();
    submitSearch(client);
  });
}

startHashSync({ fitView: (bbox) => mapController.fitBbox(bbox, { asSearchArea: true }), runSearch: runSearchWhenAreaKnown });
startHealthPolling(client);
startJobsPolling(client);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary area="ASTRA Desktop">
      <AppServicesProvider services={{ client, mapController }}>
        <App />
      </AppServicesProvider>
    </ErrorBoundary>
  </StrictMode>,
);
