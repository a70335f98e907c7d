/**
 * Running a search and loading further pages. A new search cancels the one in flight; the
 * cancelled one is never shown as an error.
 */
import type { ApiClient } from '../api/client';
import { errorMessage, isAbortError } from '../api/errors';
import { search, searchNext, type SearchParams } from '../api/search-api';
import { isApiError } from '../api/client';
import { upstreamAnswered } from '../state/connectivity-store';
import { getMapArea, searchArea } from '../state/map-area-store';
import { getResults, nextPageAnswered, nextPageRequested, searchAnswered, searchFailed, searchSettledWithoutAnswer, searchSubmitted } from '../state/results-store';
import { getSearchForm } from '../state/search-form-store';
import { resultSelected } from '../state/selection-store';
import { datetimeInterval, validateSearch, type SearchErrors } from './search-validation';

/** Results per page; api.md allows up to 500. */
export const PAGE_SIZE = 250;

let inFlight: AbortController | null = null;

/**
 * A request cancelled by cancelSearch() leaves the store idle again; one cancelled because a newer
 * search replaced it leaves the store to the newer one.
 */
function settleIfCurrent(signal: AbortSignal): void {
  if (inFlight === null || inFlight.signal === signal) searchSettledWithoutAnswer();
}

function restart(): AbortSignal {
  inFlight?.abort();
  inFlight = new AbortController();
  return inFlight.signal;
}

/** Validates the form; when it is valid, starts the search and returns no errors. */
export function submitSearch(client: ApiClient): SearchErrors {
  const form = getSearchForm();
  const area = searchArea(getMapArea());
  const errors = validateSearch(form, area);
  if (Object.keys(errors).length > 0 || !area) return errors;
  const params: SearchParams = {
    bbox: area,
    datetime: datetimeInterval(form),
    cloudCoverLt: form.cloud,
    sources: form.sources,
    limit: PAGE_SIZE,
  };
  const signal = restart();
  searchSubmitted(params);
  resultSelected(null);
  search(client, params, signal).then(
    (page) => {
      if (signal.aborted) return;
      const sourceWarnings = page.warnings.filter((w) => w.code !== 'count_incomplete');
      if (page.features.length > 0 || sourceWarnings.length < params.sources.length) upstreamAnswered();
      searchAnswered(page);
    },
    (error: unknown) => {
      if (isAbortError(error) || signal.aborted) return settleIfCurrent(signal);
      searchFailed({ message: errorMessage(error), parameter: isApiError(error) ? error.parameter : undefined });
    },
  );
  return {};
}

export function loadNextPage(client: ApiClient): void {
  const { next, status } = getResults();
  if (!next || status === 'loading-more' || status === 'searching') return;
  const signal = restart();
  nextPageRequested();
  searchNext(client, next, signal).then(
    (page) => {
      if (!signal.aborted) nextPageAnswered(page);
    },
    (error: unknown) => {
      if (isAbortError(error) || signal.aborted) return settleIfCurrent(signal);
      searchFailed({ message: errorMessage(error) });
    },
  );
}

export function cancelSearch(): void {
  inFlight?.abort();
  inFlight = null;
}
