/**
 * API keys for scripts: the local API's base URL, the keys (name, prefix, scopes, created, last
 * used), "Create Key" with its scopes (the key shown once) and revoke.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ApiKeyInfo, CreatedApiKey, KeyScope } from '../../../../electron/service/api/contract';
import { errorMessage, isAbortError } from '../../api/errors';
import { createKey, listKeys } from '../../api/keys-api';
import { useApiClient } from '../../app-services';
import { CopyButton } from './copy-button';
import { CreatedKey } from './created-key';
import { baseUrlOf } from './key-snippets';
import { KeyRow } from './key-row';
import { DEFAULT_SCOPES } from './scope-choices';
import { ScopePicker } from './scope-picker';

export function KeysPanel() {
  const client = useApiClient();
  const baseUrl = baseUrlOf(client.connection.apiBase);
  const [keys, setKeys] = useState<ApiKeyInfo[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<KeyScope[]>([...DEFAULT_SCOPES]);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listKeys(client, controller.signal).then(
      (list) => {
        setKeys(list.keys);
        setListError(null);
      },
      (error: unknown) => {
        if (!isAbortError(error)) setListError(errorMessage(error));
      },
    );
    return () => controller.abort();
  }, [client, reloads]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setCreateError('Give the key a name, e.g. the script or notebook that will use it.');
      return;
    }
    if (scopes.length === 0) {
      setCreateError('Choose at least one scope: what the key may do.');
      return;
    }
    setCreating(true);
    setCreateError(null);
    try {
      setCreated(await createKey(client, trimmed, scopes));
      setName('');
      setScopes([...DEFAULT_SCOPES]);
      reload();
    } catch (e) {
      setCreateError(errorMessage(e));
    } finally {
      setCreating(false);
    }
  };

  return (
    <section className="keys-panel" aria-label="API keys" data-testid="keys-panel">
      <div className="base-url">
        <span className="field-label">Local API</span>
        <code data-testid="api-base-url">{baseUrl}/api/v1</code>
        <CopyButton text={`${baseUrl}/api/v1`} />
      </div>
      <form className="create-key-form" onSubmit={create}>
        <div className="create-key">
          <input data-testid="key-name" placeholder="Key name (e.g. notebook)" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} aria-label="New key name" />
          <button type="submit" className="primary" data-testid="create-key" disabled={creating}>
            {creating ? 'Creating…' : 'Create Key'}
          </button>
        </div>
        <ScopePicker value={scopes} onChange={setScopes} />
      </form>
      {createError && (
        <p className="error-text" role="alert" data-testid="create-key-error">
          {createError}
        </p>
      )}
      {created && <CreatedKey created={created} baseUrl={baseUrl} onDone={() => setCreated(null)} />}
      {listError && (
        <p className="error-text" role="alert">
          Keys unavailable: {listError}
        </p>
      )}
      {keys && keys.length === 0 && <p className="panel-empty">No keys yet.</p>}
      {keys && keys.length > 0 && (
        <table className="keys-table" data-testid="keys-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Scopes</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <KeyRow key={key.id} apiKey={key} onRevoked={reload} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
