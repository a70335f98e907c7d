/**
 * `decode-search-page`: one upstream search page decoded, parsed and normalized on a pool thread
 * of the service's search-page decoder (electron/service/search/search-page-decoder.ts), so
 * the pages of a federated search are parsed in parallel and their garbage is collected off
 * the main thread. The work itself is electron/service/sources/http/search-page.ts, the same
 * code adapters run inline.
 */
import type { SourceId } from '../../../electron/service/stac/types';
import type { ItemOrigin } from '../../../electron/service/sources/normalize/item-origin';
import { decodeSearchPage, type DecodedSearchPage } from '../../../electron/service/sources/http/search-page';

export interface DecodeSearchPageTask {
  kind: 'decode-search-page';
  /** The response body; its buffer is transferred. */
  bytes: Uint8Array;
  source: SourceId;
  origin: ItemOrigin;
}

export function decodeSearchPageTask(task: DecodeSearchPageTask): DecodedSearchPage {
  return decodeSearchPage(task.bytes, task.source, task.origin);
}
