/** Where the local openEO back-end lives in the ASTRA API, and the URLs it hands out. Pure. */

/** The versioned API root of the local back-end (openEO API 1.2); discovery is looked up under it. */
export const OPENEO_ROOT = '/api/v1/openeo';

export const openEoUrl = (origin: string, path = '/'): string => `${origin}${OPENEO_ROOT}${path}`;
export const openEoJobUrl = (origin: string, jobId: string): string => openEoUrl(origin, `/jobs/${jobId}`);
export const astraJobUrl = (origin: string, astraJobId: string): string => `${origin}/api/v1/jobs/${astraJobId}`;
