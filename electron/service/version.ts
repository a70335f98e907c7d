import pkg from '../../package.json';

/** The service version reported by /health and recorded in job provenance. */
export const ASTRA_VERSION: string = pkg.version;
