/** Results of the search: counts, source warnings, the virtualized list and Next page. */
import { useApiClient } from '../../app-services';
import { loadNextPage } from '../../search/search-actions';
import { useMatched, useNextLink, useResultIndex, useResultItems, useResultsStatus, useResultWarnings, useSearchedSources, useSearchFailure } from '../../state/results-store';
import { useSelectedId } from '../../state/selection-store';
import { ResultRow } from './result-row';
import { SourceWarnings } from './source-warnings';
import { VirtualList } from './virtual-list';

const ROW_HEIGHT = 52;

export function ResultsPanel() {
  const client = useApiClient();
  const status = useResultsStatus();
  const items = useResultItems();
  const warnings = useResultWarnings();
  const matched = useMatched();
  const next = useNextLink();
  const failure = useSearchFailure();
  const searched = useSearchedSources() ?? [];
  const selectedIndex = useResultIndex(useSelectedId());

  if (status === 'idle') return <p className="results-empty">Draw an area or move the map, then search.</p>;
  return (
    <section className="results" aria-label="Results">
      <header className="results-header">
        <span data-testid="results-count">
          {status === 'searching'
            ? 'Searching…'
            : status === 'failed' && items.length === 0
              ? 'No results'
            : `${items.length.toLocaleString()} scene${items.length === 1 ? '' : 's'}${matched !== null ? ` of ${matched.toLocaleString()} matched` : ''}`}
        </span>
      </header>
      {failure && status === 'failed' && (
        <p className="error-text" role="alert" data-testid="search-error">
          Search failed: {failure.message}
        </p>
      )}
      <SourceWarnings warnings={warnings} searched={searched} />
      {status !== 'searching' && items.length === 0 && status !== 'failed' && <p className="results-empty">No scenes match. Widen the dates, the area or the cloud limit.</p>}
      <VirtualList items={items} rowHeight={ROW_HEIGHT} rowKey={(item) => item.id} renderRow={(item) => <ResultRow item={item} />} scrollToIndex={selectedIndex} label="Search results" className="results-list" />
      {(next || status === 'loading-more') && (
        <button type="button" className="next-page" data-testid="next-page" disabled={status === 'loading-more'} onClick={() => loadNextPage(client)}>
          {status === 'loading-more' ? 'Loading…' : 'Next page'}
        </button>
      )}
    </section>
  );
}
