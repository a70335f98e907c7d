/**
 * Piscina worker entry of the search-page decoder (search-page-decoder.ts), built on its own to
 * out/main/search-page-task.js: one upstream search page decoded, parsed and normalized on a
 * pool thread, so the pages of a federated search are parsed in parallel and their garbage is
 * collected off the main thread. The work itself is sources/http/search-page.ts, the same code
 * adapters run inline. Loaded by the pool from its built file; nothing imports it.
 */
import type { TaskCompletion, TaskEnvelope } from '../../../workers/protocol/task-envelope';
import { serializeTaskError } from '../../../workers/protocol/task-error';
import { decodeSearchPage } from '../sources/http/search-page';
import type { SearchPageTask, SearchPageTasks } from './search-page-task';

function dispatch(task: SearchPageTask): unknown {
  switch (task.kind) {
    case 'ping':
      return { pong: task.value } satisfies SearchPageTasks['ping']['result'];
    case 'decode-search-page':
      return decodeSearchPage(task.bytes, task.source, task.origin);
    default:
      throw new Error(`unknown task kind ${(task as { kind: string }).kind}`);
  }
}

export default async function runSearchPageTask(envelope: TaskEnvelope<SearchPageTask>): Promise<TaskCompletion> {
  try {
    // A decoded page is plain data, cloned back by Piscina: nothing to transfer.
    return { channelled: false, value: dispatch(envelope.task) };
  } catch (error) {
    // Plain data, so the error's name and fields survive the thread boundary.
    throw serializeTaskError(error);
  }
}
