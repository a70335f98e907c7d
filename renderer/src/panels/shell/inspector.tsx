/** The right-hand inspector: Scene, Processing, Cache, Remote (openEO back-ends) and API Keys tabs. */
import { inspectorTabChosen, useInspectorTab, type InspectorTab } from '../../state/inspector-store';
import { CachePanel } from '../cache/cache-panel';
import { KeysPanel } from '../keys/keys-panel';
import { ProcessingPanel } from '../processing/processing-panel';
import { RemotePanel } from '../remote/remote-panel';
import { ScenePanel } from '../scene/scene-panel';
import { ErrorBoundary } from './error-boundary';

const TABS: Array<{ id: InspectorTab; label: string }> = [
  { id: 'scene', label: 'Scene' },
  { id: 'processing', label: 'Processing' },
  { id: 'cache', label: 'Cache' },
  { id: 'remote', label: 'Remote' },
  { id: 'keys', label: 'API Keys' },
];

export function Inspector() {
  const tab = useInspectorTab();
  return (
    <aside className="inspector" aria-label="Inspector">
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} data-testid={`tab-${t.id}`} className={tab === t.id ? 'tab active' : 'tab'} onClick={() => inspectorTabChosen(t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
      <div className="tab-body" role="tabpanel">
        <ErrorBoundary area={`the ${TABS.find((t) => t.id === tab)?.label} panel`} key={tab}>
          {tab === 'scene' && <ScenePanel />}
          {tab === 'processing' && <ProcessingPanel />}
          {tab === 'cache' && <CachePanel />}
          {tab === 'remote' && <RemotePanel />}
          {tab === 'keys' && <KeysPanel />}
        </ErrorBoundary>
      </div>
    </aside>
  );
}
