/** The federation layer's public surface, for the HTTP routes (search, scenes, STAC). */
export { federatedSearch, type FederatedSearchOptions } from './federate';
export { getSceneFromSources, type GetSceneOptions } from './get-scene';
export { parseSearchBody, parseSearchQuery, SEARCH_PARAMETERS, DEFAULT_LIMIT, MAX_LIMIT, type ParseSearchOptions } from './parse-search-request';
export { encodeCursor, decodeCursor, requestFingerprint } from './cursor';
export { crossesAntimeridian, splitBbox } from './antimeridian';
export { dedupeKey, mergeCopies, choosePreferred } from './dedupe';
export { KNOWN_SOURCE_IDS, isSourceId, parseScopedId, formatScopedId } from './scoped-id';
export type * from './types';
