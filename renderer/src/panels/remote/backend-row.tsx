/** One remote back-end: what it is, whether someone is signed in, sign in / out, edit, remove. */
import { useState } from 'react';
import type { RemoteBackendInput, RemoteBackendView } from '../../../../electron/service/api/contract';
import { backendInput } from '../../api/openeo-api';
import { BackendForm } from './backend-form';
import { SignInControls } from './sign-in-controls';

export function BackendRow({ backend, onSave, onRemove, onChanged }: {
  backend: RemoteBackendView;
  onSave: (entry: RemoteBackendInput) => Promise<void>;
  onRemove: () => Promise<void>;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (editing) {
    return (
      <li className="remote-backend">
        <BackendForm initial={backendInput(backend)} onSave={async (entry) => { await onSave(entry); setEditing(false); }} onCancel={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="remote-backend" data-testid="remote-row" data-backend-id={backend.id}>
      <div className="job-head">
        <span className="job-title">{backend.title ?? backend.id}</span>
        <span className={backend.signed_in ? 'badge ok' : 'badge'} data-testid="remote-state">
          {backend.signed_in ? 'Signed in' : 'Not signed in'}
        </span>
      </div>
      <p className="hint mono">
        {backend.id} · {backend.url} · {backend.auth === 'basic' ? `user ${backend.username}` : 'OIDC'}
      </p>
      <SignInControls backend={backend} onChanged={onChanged} />
      <div className="panel-actions">
        <button type="button" data-testid="remote-edit" onClick={() => setEditing(true)}>
          Edit
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger" data-testid="remote-remove-confirm" onClick={() => void onRemove()}>
              Yes, remove it
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="danger" data-testid="remote-remove" onClick={() => setConfirming(true)}>
            Remove
          </button>
        )}
      </div>
    </li>
  );
}
