/**
 * Signing in to one back-end: basic → a password field (sent once, checked by the back-end, never
 * shown again); OIDC → "Sign in" shows where to go and the code to enter, and waits (polling the
 * sign-in state) until the user approved it, or it failed.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { RemoteBackendView, SignInState } from '../../../../electron/service/api/contract';
import { errorMessage, isAbortError } from '../../api/errors';
import { signIn, signInStatus, signOut } from '../../api/openeo-api';
import { useApiClient } from '../../app-services';

const POLL_MS = 2000;

function DevicePrompt({ prompt }: { prompt: SignInState }) {
  const link = prompt.verification_uri_complete ?? prompt.verification_uri;
  return (
    <div className="device-prompt" data-testid="remote-device-prompt">
      <p>
        Open{' '}
        <a href={link} target="_blank" rel="noreferrer" data-testid="remote-verification">
          {prompt.verification_uri}
        </a>{' '}
        and enter the code <strong className="mono" data-testid="remote-user-code">{prompt.user_code}</strong>.
      </p>
      <p className="hint">Waiting for you to approve it…</p>
    </div>
  );
}

export function SignInControls({ backend, onChanged }: { backend: RemoteBackendView; onChanged: () => void }) {
  const client = useApiClient();
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState<SignInState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // While a device sign-in is pending, ask how it goes until it is decided.
  useEffect(() => {
    if (!pending) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      signInStatus(client, backend.id, controller.signal).then((state) => {
        if (state.state === 'pending') return;
        setPending(null);
        if (state.state === 'failed') setError(state.message ?? 'The sign-in failed.');
        onChanged();
      }, (e: unknown) => {
        if (!isAbortError(e)) setError(errorMessage(e));
      });
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [client, backend.id, pending, onChanged]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      if (backend.auth === 'basic') {
        await signIn(client, backend.id, password);
        setPassword('');
        onChanged();
        return;
      }
      setPending(await signIn(client, backend.id));
    });
  };

  if (backend.signed_in && !pending) {
    return (
      <div className="panel-actions">
        <button type="button" data-testid="remote-sign-out" disabled={busy} onClick={() => void run(async () => { await signOut(client, backend.id); onChanged(); })}>
          Sign out
        </button>
        {error && <p className="error-text" role="alert">{error}</p>}
      </div>
    );
  }
  return (
    <form className="sign-in" onSubmit={submit} aria-label={`Sign in to ${backend.id}`}>
      {backend.auth === 'basic' && (
        <label className="field">
          <span className="field-label">Password of {backend.username}</span>
          <input type="password" data-testid="remote-password" value={password} autoComplete="current-password" onChange={(e) => setPassword(e.target.value)} />
        </label>
      )}
      {pending && <DevicePrompt prompt={pending} />}
      <div className="panel-actions">
        <button type="submit" className="primary" data-testid="remote-sign-in" disabled={busy || (backend.auth === 'basic' && !password)}>
          {busy ? 'Signing in…' : pending ? 'New code' : 'Sign in'}
        </button>
        {pending && (
          <button type="button" onClick={() => void run(async () => { setPending(null); await signOut(client, backend.id); })}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="remote-sign-in-error">
          {error}
        </p>
      )}
    </form>
  );
}
