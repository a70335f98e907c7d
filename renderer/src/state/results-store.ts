/**
 * Search results: every page loaded so far (Next page appends), the warnings of the sources that
 * did not answer fully, and the `next` link. `generation` changes with each new search so the map
 * knows to start over rather than append.
 */
import { create } from 'zustand';
import type { ItemCollection, SearchWarning, StacItem } from '../../../electron/service/api/contract';
import type { SearchParams } from '../api/search-api';

export type SearchStatus = 'idle' | 'searching' | 'loading-more' | 'done' | 'failed';

export interface SearchFailure {
  message: string;
  parameter?: string;
}

export interface ResultsState {
  status: SearchStatus;
  generation: number;
  params: SearchParams | null;
  items: StacItem[];
  indexById: Map<string, number>;
  warnings: SearchWarning[];
  next: string | null;
  matched: number | null;
  failure: SearchFailure | null;
}

/** What no answer yet looks like: at start, and again when a new search is submitted. */
const noResults = () => ({
  items: [] as StacItem[],
  indexById: new Map<string, number>(),
  warnings: [],
  next: null,
  matched: null,
  failure: null,
});

const useResultsStore = create<ResultsState>()(() => ({ status: 'idle', generation: 0, params: null, ...noResults() }));

const nextLink = (page: ItemCollection) => page.links?.find((l) => l.rel === 'next')?.href ?? null;

export function searchSubmitted(params: SearchParams): void {
  useResultsStore.setState((s) => ({ status: 'searching', generation: s.generation + 1, params, ...noResults() }));
}

export function searchAnswered(page: ItemCollection): void {
  const indexById = new Map<string, number>();
  const items: StacItem[] = [];
  for (const item of page.features) {
    if (indexById.has(item.id)) continue;
    indexById.set(item.id, items.length);
    items.push(item);
  }
  useResultsStore.setState({
    status: 'done',
    items,
    indexById,
    warnings: page.warnings ?? [],
    next: nextLink(page),
    matched: page.context?.matched ?? null,
  });
}

export function searchFailed(failure: SearchFailure): void {
  useResultsStore.setState({ status: 'failed', failure });
}

export function nextPageRequested(): void {
  useResultsStore.setState({ status: 'loading-more', failure: null });
}

export function nextPageAnswered(page: ItemCollection): void {
  useResultsStore.setState((s) => {
    const items = s.items.slice();
    const indexById = new Map(s.indexById);
    for (const item of page.features) {
      if (indexById.has(item.id)) continue;
      indexById.set(item.id, items.length);
      items.push(item);
    }
    const warnings = [...s.warnings];
    for (const w of page.warnings ?? []) {
      if (!warnings.some((x) => x.source === w.source && x.code === w.code)) warnings.push(w);
    }
    return { status: 'done', items, indexById, warnings, next: nextLink(page), matched: page.context?.matched ?? s.matched };
  });
}

/**
 * A scene reached from elsewhere (a point of a time-series chart) that the results do not hold:
 * it joins them at the end, so the list, the footprints and the selection know it.
 */
export function sceneLoadedOutsideSearch(item: StacItem): void {
  useResultsStore.setState((s) => {
    if (s.indexById.has(item.id)) return {};
    const indexById = new Map(s.indexById);
    indexById.set(item.id, s.items.length);
    return { items: [...s.items, item], indexById, status: s.status === 'idle' ? 'done' : s.status };
  });
}

/** A cancelled search leaves the previous state as it was, except that it is no longer loading. */
export function searchSettledWithoutAnswer(): void {
  useResultsStore.setState((s) => ({ status: s.status === 'searching' || s.status === 'loading-more' ? 'done' : s.status }));
}

export const useResultsStatus = () => useResultsStore((s) => s.status);
export const useResultItems = () => useResultsStore((s) => s.items);
export const useResultWarnings = () => useResultsStore((s) => s.warnings);
export const useNextLink = () => useResultsStore((s) => s.next);
export const useMatched = () => useResultsStore((s) => s.matched);
export const useSearchFailure = () => useResultsStore((s) => s.failure);
export const useSearchedSources = () => useResultsStore((s) => s.params?.sources ?? null);
export const useResultById = (id: string | null) => useResultsStore((s) => (id === null ? undefined : s.items[s.indexById.get(id) ?? -1]));
export const useResultIndex = (id: string | null) => useResultsStore((s) => (id === null ? -1 : (s.indexById.get(id) ?? -1)));
export const hasResult = (id: string): boolean => useResultsStore.getState().indexById.has(id);
export const getResults = (): ResultsState => useResultsStore.getState();
export const subscribeResults = (listener: (state: ResultsState, previous: ResultsState) => void) => useResultsStore.subscribe(listener);
