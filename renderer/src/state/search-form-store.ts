/** The search form's fields: date range, cloud-cover limit and sources. */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { SourceId } from '../../../electron/service/api/contract';

export const ALL_SOURCES: readonly SourceId[] = ['sentinel-2', 'landsat', 'planetary-computer'];

export interface SearchForm {
  /** YYYY-MM-DD or '' (open end). */
  start: string;
  end: string;
  cloud: number;
  sources: SourceId[];
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function defaultSearchForm(now = new Date()): SearchForm {
  const start = new Date(now.getTime() - 90 * 24 * 3600 * 1000);
  return { start: isoDay(start), end: isoDay(now), cloud: 20, sources: [...ALL_SOURCES] };
}

const useSearchFormStore = create<SearchForm>()(() => defaultSearchForm());

export function searchDatesChanged(dates: Partial<Pick<SearchForm, 'start' | 'end'>>): void {
  useSearchFormStore.setState(dates);
}

export function cloudLimitChanged(cloud: number): void {
  useSearchFormStore.setState({ cloud });
}

export function sourceToggled(source: SourceId, on: boolean): void {
  const current = useSearchFormStore.getState().sources;
  const next = on ? ALL_SOURCES.filter((s) => s === source || current.includes(s)) : current.filter((s) => s !== source);
  useSearchFormStore.setState({ sources: next });
}

/** From a link's hash: only the fields it carries. */
export function searchFormRestored(form: Partial<SearchForm>): void {
  useSearchFormStore.setState(form);
}

export const useSearchForm = () => useSearchFormStore(useShallow((s) => s));
export const getSearchForm = (): SearchForm => useSearchFormStore.getState();
export const subscribeSearchForm = (listener: (form: SearchForm) => void) => useSearchFormStore.subscribe(listener);
