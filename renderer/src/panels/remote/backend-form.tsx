/** Adding or editing a remote back-end: id, URL, title, how to sign in (and the user for basic). No secrets here. */
import { useState, type FormEvent } from 'react';
import type { RemoteBackendInput } from '../../../../electron/service/api/contract';
import { errorMessage } from '../../api/errors';

const EMPTY: RemoteBackendInput = { id: '', url: '', title: null, auth: 'oidc', username: null };

export function BackendForm({ initial, onSave, onCancel }: { initial?: RemoteBackendInput; onSave: (entry: RemoteBackendInput) => Promise<void>; onCancel: () => void }) {
  const [entry, setEntry] = useState<RemoteBackendInput>(initial ?? EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = initial !== undefined;
  const set = (fields: Partial<RemoteBackendInput>) => setEntry((current) => ({ ...current, ...fields }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave({ ...entry, title: entry.title?.trim() || null, username: entry.auth === 'basic' ? entry.username?.trim() || null : null });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="remote-form" onSubmit={save} aria-label={editing ? `Edit ${entry.id}` : 'Add a remote back-end'} data-testid="remote-form">
      <label className="field">
        <span className="field-label">Id (used as "Run on")</span>
        <input data-testid="remote-id" value={entry.id} disabled={editing} placeholder="cdse" onChange={(e) => set({ id: e.target.value.trim().toLowerCase() })} />
      </label>
      <label className="field">
        <span className="field-label">URL</span>
        <input data-testid="remote-url" value={entry.url} placeholder="https://openeo.dataspace.copernicus.eu" onChange={(e) => set({ url: e.target.value.trim() })} />
      </label>
      <label className="field">
        <span className="field-label">Title</span>
        <input data-testid="remote-title" value={entry.title ?? ''} placeholder="Copernicus Data Space" onChange={(e) => set({ title: e.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">Sign in with</span>
        <select data-testid="remote-auth" value={entry.auth} onChange={(e) => set({ auth: e.target.value as RemoteBackendInput['auth'] })}>
          <option value="oidc">OIDC in the browser (Copernicus Data Space, EGI)</option>
          <option value="basic">User name and password</option>
        </select>
      </label>
      {entry.auth === 'basic' && (
        <label className="field">
          <span className="field-label">User name</span>
          <input data-testid="remote-username" value={entry.username ?? ''} autoComplete="username" onChange={(e) => set({ username: e.target.value })} />
        </label>
      )}
      <div className="panel-actions">
        <button type="submit" className="primary" data-testid="remote-save" disabled={busy || !entry.id || !entry.url}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="remote-form-error">
          {error}
        </p>
      )}
    </form>
  );
}
