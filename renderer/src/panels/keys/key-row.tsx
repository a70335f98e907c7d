/** One key in the list; revoking asks for a second click. */
import { useState } from 'react';
import type { ApiKeyInfo } from '../../../../electron/service/api/contract';
import { errorMessage } from '../../api/errors';
import { revokeKey } from '../../api/keys-api';
import { useApiClient } from '../../app-services';
import { formatDate, formatDateTime } from '../../util/format';
import { scopeList } from './scope-choices';

export function KeyRow({ apiKey, onRevoked }: { apiKey: ApiKeyInfo; onRevoked: () => void }) {
  const client = useApiClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoked = Boolean(apiKey.revoked_at);

  const revoke = async () => {
    setError(null);
    try {
      await revokeKey(client, apiKey.id);
      onRevoked();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setConfirming(false);
    }
  };

  return (
    <tr className={revoked ? 'key-revoked' : ''} data-testid="key-row" data-key-id={apiKey.id}>
      <td>{apiKey.name}</td>
      <td>
        <code title={apiKey.id}>{apiKey.prefix}…</code>
      </td>
      <td data-testid="key-scopes">{scopeList(apiKey.scopes)}</td>
      <td title={`last used ${formatDateTime(apiKey.last_used_at)}`}>{formatDate(apiKey.created_at)}</td>
      <td className="key-actions">
        {revoked ? (
          <span className="badge" data-testid="key-revoked">
            revoked {formatDate(apiKey.revoked_at)}
          </span>
        ) : confirming ? (
          <>
            <button type="button" className="danger" data-testid="revoke-confirm" onClick={revoke}>
              Revoke
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" data-testid="revoke-key" onClick={() => setConfirming(true)}>
            Revoke…
          </button>
        )}
        {error && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
      </td>
    </tr>
  );
}
