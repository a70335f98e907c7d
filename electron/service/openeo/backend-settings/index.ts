/** The remote back-ends of the settings: list, replace, sign in and out (routes: http/routes/openeo-backends.ts, cache.ts settings). */
export { OpenEoBackends, type OpenEoBackendsDeps } from './openeo-backends';
export type { SignInRequest, SignInState } from './types';
