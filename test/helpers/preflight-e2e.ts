/** vitest.e2e.config.ts's globalSetup: stop at once, with one message, when a prerequisite is missing. */
export { e2eSetup as default } from './preflight';
