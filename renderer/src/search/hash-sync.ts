/**
 * Keeps the URL hash and the app in step. On open (and when the hash is edited) the hash sets the
 * view, the AOI and the form; a hash that carries a search (`datetime`) runs it. Afterwards every
 * settled view and every form change is written back with replaceState (no history spam).
 */
import { aoiCleared, aoiDrawn, getMapArea, subscribeMapArea } from '../state/map-area-store';
import { getSearchForm, searchFormRestored, subscribeSearchForm } from '../state/search-form-store';
import { subscribeResults } from '../state/results-store';
import type { Bbox } from '../../../electron/service/api/contract';
import { formatHash, parseHash, type HashState } from './url-hash';

export interface HashSyncTarget {
  fitView(bbox: Bbox): void;
  runSearch(): void;
}

/** Applies a hash to the stores; returns whether it carried a search to run. */
export function applyHash(state: HashState, target: Pick<HashSyncTarget, 'fitView'>): boolean {
  const form: Parameters<typeof searchFormRestored>[0] = {};
  if (state.start !== undefined) form.start = state.start;
  if (state.end !== undefined) form.end = state.end;
  if (state.cloud !== undefined) form.cloud = state.cloud;
  if (state.sources !== undefined) form.sources = state.sources;
  searchFormRestored(form);
  if (state.aoi) aoiDrawn(state.aoi);
  else if (state.bbox) aoiCleared();
  if (state.bbox) target.fitView(state.bbox);
  return state.start !== undefined || state.end !== undefined;
}

export function startHashSync(target: HashSyncTarget, win: Window = window): () => void {
  // The form joins the hash once it means something: a search was run, or the link carried one.
  let formInHash = false;
  let lastWritten = win.location.hash;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const write = () => {
    timer = null;
    const area = getMapArea();
    const form = getSearchForm();
    const state: HashState = { bbox: area.view ?? undefined, aoi: area.aoi ?? undefined };
    if (formInHash) Object.assign(state, { start: form.start, end: form.end, cloud: form.cloud, sources: form.sources });
    const hash = formatHash(state);
    if (hash === lastWritten || (!hash && !win.location.hash)) return;
    lastWritten = hash;
    const url = new URL(win.location.href);
    url.hash = hash;
    win.history.replaceState(win.history.state, '', url.pathname + url.search + hash);
  };
  const schedule = () => {
    if (timer === null) timer = setTimeout(write, 150);
  };

  const fromHash = () => {
    const state = parseHash(win.location.hash);
    const carriesSearch = applyHash(state, target);
    if (carriesSearch) {
      formInHash = true;
      target.runSearch();
    }
  };

  const onHashChange = () => {
    if (win.location.hash === lastWritten) return;
    lastWritten = win.location.hash;
    fromHash();
  };

  lastWritten = win.location.hash;
  fromHash();
  const unsubscribers = [
    subscribeMapArea(schedule),
    subscribeSearchForm(schedule),
    subscribeResults((s, p) => {
      if (s.generation !== p.generation) {
        formInHash = true;
        schedule();
      }
    }),
  ];
  win.addEventListener('hashchange', onHashChange);
  return () => {
    if (timer !== null) clearTimeout(timer);
    unsubscribers.forEach((u) => u());
    win.removeEventListener('hashchange', onHashChange);
  };
}
