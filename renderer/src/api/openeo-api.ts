/**
 * Remote openEO back-ends: the list in the settings (PUT /api/v1/settings `openeo_backends`
 * replaces it) and signing in and out (/api/v1/settings/openeo-backends/{id}/sign-in). Types from
 * the API contract; passwords only ever travel in a sign-in request.
 */
import type { RemoteBackendInput, RemoteBackendView, ServiceSettings, SignInState } from '../../../electron/service/api/contract';
import type { ApiClient } from './client';

export function putBackends(client: ApiClient, backends: RemoteBackendInput[]): Promise<ServiceSettings> {
  return client.call('PUT /api/v1/settings', { body: { openeo_backends: backends } });
}

/** The fields of an entry a PUT takes back (a view also says `signed_in` and when it changed). */
export function backendInput(view: RemoteBackendView): RemoteBackendInput {
  const { id, url, title, auth, username, oidc_provider_id, oidc_client_id, collections } = view;
  return { id, url, title, auth, username, oidc_provider_id, oidc_client_id, collections };
}

/** basic: with the password (checked by the back-end first); OIDC: starts the device sign-in. */
export function signIn(client: ApiClient, id: string, password?: string): Promise<SignInState> {
  return client.call('POST /api/v1/settings/openeo-backends/{id}/sign-in', { params: { id }, body: password === undefined ? {} : { password } });
}

export function signInStatus(client: ApiClient, id: string, signal?: AbortSignal): Promise<SignInState> {
  return client.call('GET /api/v1/settings/openeo-backends/{id}/sign-in', { params: { id }, signal });
}

export async function signOut(client: ApiClient, id: string): Promise<void> {
  await client.call('DELETE /api/v1/settings/openeo-backends/{id}/sign-in', { params: { id } });
}
