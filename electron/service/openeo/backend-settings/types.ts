/**
 * Wire types of the remote back-end settings (GET|PUT /api/v1/settings `openeo_backends`, and
 * /api/v1/settings/openeo-backends/{id}/sign-in). Types only; clients take them from
 * ../../api/contract.ts. Secrets appear only in a sign-in request, never in an answer.
 */
import type { RemoteBackendInput, RemoteBackendView } from '../remote/types';

export type { RemoteBackendInput, RemoteBackendView };

/** POST …/sign-in: basic back-ends send the password; OIDC back-ends send nothing (or `{}`). */
export interface SignInRequest {
  password?: string;
}

/**
 * POST and GET …/sign-in: `pending` while an OIDC device sign-in waits for the user (with what to
 * show: open `verification_uri`, enter `user_code`), `signed_in`, `failed` (with `message`), or
 * `signed_out`.
 */
export interface SignInState {
  state: 'pending' | 'signed_in' | 'failed' | 'signed_out';
  message?: string;
  verification_uri?: string;
  verification_uri_complete?: string | null;
  user_code?: string;
  /** Seconds the code was valid for when it was issued. */
  expires_in?: number;
  /** Seconds between the polls the provider asks for. */
  interval?: number;
}
