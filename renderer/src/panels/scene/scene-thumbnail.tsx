/**
 * The scene's thumbnail, fetched through this app's asset route with the key (the page may not
 * load images from the web) and shown from a blob URL.
 */
import { useEffect, useState } from 'react';
import { isAbortError } from '../../api/errors';
import { fetchAssetBlob } from '../../api/scenes-api';
import { useApiClient } from '../../app-services';

export function SceneThumbnail({ sceneId, hasThumbnail }: { sceneId: string; hasThumbnail: boolean }) {
  const client = useApiClient();
  const [image, setImage] = useState<{ id: string; url: string | null; failed: boolean } | null>(null);

  useEffect(() => {
    if (!hasThumbnail) return;
    const controller = new AbortController();
    let url: string | null = null;
    fetchAssetBlob(client, sceneId, 'thumbnail', controller.signal).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        setImage({ id: sceneId, url, failed: false });
      },
      (error: unknown) => {
        if (!isAbortError(error)) setImage({ id: sceneId, url: null, failed: true });
      },
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, sceneId, hasThumbnail]);

  const current = image?.id === sceneId ? image : null;
  if (!hasThumbnail || current?.failed) return <div className="thumbnail thumbnail-missing">No thumbnail</div>;
  if (!current?.url) return <div className="thumbnail thumbnail-loading">Loading thumbnail…</div>;
  return <img className="thumbnail" src={current.url} alt={`Thumbnail of ${sceneId}`} data-testid="scene-thumbnail" />;
}
