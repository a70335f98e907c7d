/** Loads a scene's full item and its resolved asset routes; a new id cancels the old requests. */
import { useEffect, useState } from 'react';
import type { SceneAssets, StacItem } from '../../../../electron/service/api/contract';
import { errorMessage, isAbortError } from '../../api/errors';
import { getAssets, getScene } from '../../api/scenes-api';
import { useApiClient } from '../../app-services';

export type Loadable<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

export interface SceneDetails {
  item: Loadable<StacItem>;
  assets: Loadable<SceneAssets>;
}

const LOADING: SceneDetails = { item: { state: 'loading' }, assets: { state: 'loading' } };

export function useSceneDetails(id: string | null): SceneDetails {
  const client = useApiClient();
  const [loaded, setLoaded] = useState<{ id: string | null; details: SceneDetails }>({ id: null, details: LOADING });

  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    const put = (patch: Partial<SceneDetails>) =>
      setLoaded((current) => ({ id, details: { ...(current.id === id ? current.details : LOADING), ...patch } }));
    const failed = (key: keyof SceneDetails) => (error: unknown) => {
      if (!isAbortError(error)) put({ [key]: { state: 'error', message: errorMessage(error) } });
    };
    // Asset routes are resolved for the COG assets of the full item (the service says which those are).
    const load = async () => {
      let item: StacItem;
      try {
        item = await getScene(client, id, controller.signal);
        put({ item: { state: 'ok', value: item } });
      } catch (error) {
        failed('item')(error);
        failed('assets')(error);
        return;
      }
      try {
        put({ assets: { state: 'ok', value: await getAssets(client, id, undefined, controller.signal) } });
      } catch (error) {
        failed('assets')(error);
      }
    };
    void load();
    return () => controller.abort();
  }, [client, id]);

  return loaded.id === id ? loaded.details : LOADING;
}
