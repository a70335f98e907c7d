/** The selected scene: thumbnail, metadata, assets and routes, preview on the map, offline copy. */
import { previewPlan } from '../../map/raster/preview-plan';
import { inspectorTabChosen } from '../../state/inspector-store';
import { overlayRemoved, overlayRequested, useOverlay } from '../../state/overlays-store';
import { useResultById } from '../../state/results-store';
import { useSelectedId } from '../../state/selection-store';
import { shortSceneId } from '../../util/format';
import { OfflineButton } from './offline-button';
import { SceneAssets } from './scene-assets';
import { SceneMetadata } from './scene-metadata';
import { SceneThumbnail } from './scene-thumbnail';
import { useSceneDetails } from './use-scene-details';

export const PREVIEW_OVERLAY_ID = 'preview';

export function ScenePanel() {
  const selectedId = useSelectedId();
  const fromResults = useResultById(selectedId);
  const details = useSceneDetails(selectedId);
  const preview = useOverlay(PREVIEW_OVERLAY_ID);

  if (!selectedId) return <p className="panel-empty">Select a result in the list or a footprint on the map.</p>;
  const item = details.item.state === 'ok' ? details.item.value : fromResults;
  if (!item) {
    return details.item.state === 'error' ? (
      <p className="error-text" role="alert">
        Scene {selectedId} could not be loaded: {details.item.message}
      </p>
    ) : (
      <p className="panel-empty">Loading {selectedId}…</p>
    );
  }
  const plan = previewPlan(item);
  const previewingThis = preview?.spec.kind === 'preview' && preview.spec.sceneId === item.id;

  return (
    <section className="scene-panel" data-testid="scene-panel" aria-label={`Scene ${item.id}`}>
      <h2 className="scene-title" title={item.id}>
        {shortSceneId(item.id)}
      </h2>
      <SceneThumbnail sceneId={item.id} hasThumbnail={Boolean(item.assets.thumbnail)} />
      {details.item.state === 'error' && <p className="warning-text">Full metadata unavailable ({details.item.message}); showing the search result.</p>}
      <div className="scene-actions">
        <button
          type="button"
          className="primary"
          data-testid="preview"
          disabled={!plan.ok}
          title={plan.ok ? `True colour from ${plan.description}` : plan.reason}
          onClick={() => plan.ok && overlayRequested(PREVIEW_OVERLAY_ID, `Preview ${shortSceneId(item.id)}`, plan.spec)}
        >
          Preview
        </button>
        {previewingThis && (
          <button type="button" onClick={() => overlayRemoved(PREVIEW_OVERLAY_ID)}>
            Hide preview
          </button>
        )}
        <button type="button" onClick={() => inspectorTabChosen('processing')}>
          Process…
        </button>
      </div>
      {previewingThis && preview.status === 'loading' && <p className="hint">Loading true colour…</p>}
      {previewingThis && preview.status === 'failed' && (
        <p className="error-text" role="alert" data-testid="preview-error">
          Preview failed: {preview.error}
        </p>
      )}
      {!plan.ok && <p className="hint">{plan.reason}</p>}
      <OfflineButton item={item} />
      <SceneMetadata item={item} />
      <h3>Assets</h3>
      <SceneAssets item={item} resolved={details.assets} />
    </section>
  );
}
