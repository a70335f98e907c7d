/**
 * Selecting a scene by id from outside the results list (a point of a time-series chart): a scene
 * the results do not hold is fetched first and joins them, so its footprint is drawn, highlighted
 * and zoomed to like any other; then the Scene tab shows it.
 */
import type { ApiClient } from '../api/client';
import { getScene } from '../api/scenes-api';
import { inspectorTabChosen } from '../state/inspector-store';
import { hasResult, sceneLoadedOutsideSearch } from '../state/results-store';
import { resultSelected } from '../state/selection-store';

export async function selectSceneById(client: ApiClient, id: string, signal?: AbortSignal): Promise<void> {
  if (!hasResult(id)) sceneLoadedOutsideSearch(await getScene(client, id, signal));
  if (signal?.aborted) return;
  resultSelected(id, { zoom: true });
  inspectorTabChosen('scene');
}
