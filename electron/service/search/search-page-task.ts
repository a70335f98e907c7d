/**
 * The tasks of the search-page worker entry (search-page-worker.ts, built to
 * out/main/search-page-task.js) and what each resolves to. Types only.
 */
import type { DecodedSearchPage } from '../sources/http/search-page';
import type { ItemOrigin } from '../sources/normalize/item-origin';
import type { SourceId } from '../stac/types';

export interface DecodeSearchPageTask {
  kind: 'decode-search-page';
  /** The response body; its buffer is transferred. */
  bytes: Uint8Array;
  source: SourceId;
  origin: ItemOrigin;
}

/** Starts a thread (SearchPageDecoderPool.warmUp) without decoding anything. */
export interface WarmUpTask {
  kind: 'ping';
  value: number;
}

export interface SearchPageTasks {
  ping: { task: WarmUpTask; result: { pong: number } };
  'decode-search-page': { task: DecodeSearchPageTask; result: DecodedSearchPage };
}

export type SearchPageTask = SearchPageTasks[keyof SearchPageTasks]['task'];
