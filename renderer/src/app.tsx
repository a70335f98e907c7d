/** The window: header with status, search and results on the left, the map, the inspector on the right. */
import { MapView } from './panels/map/map-view';
import { ResultsPanel } from './panels/results/results-panel';
import { SearchForm } from './panels/search/search-form';
import { ErrorBoundary } from './panels/shell/error-boundary';
import { Inspector } from './panels/shell/inspector';
import { HealthBadge, OfflineIndicator } from './panels/shell/status-badges';
import './styles.css';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>ASTRA Desktop</h1>
        <HealthBadge />
        <OfflineIndicator />
      </header>
      <main className="app-body">
        <aside className="search-sidebar" aria-label="Search and results">
          <ErrorBoundary area="the search form">
            <SearchForm />
          </ErrorBoundary>
          <ErrorBoundary area="the results list">
            <ResultsPanel />
          </ErrorBoundary>
        </aside>
        <ErrorBoundary area="the map">
          <MapView />
        </ErrorBoundary>
        <Inspector />
      </main>
    </div>
  );
}
