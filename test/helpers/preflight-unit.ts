/** vitest.config.ts's globalSetup: stop at once, with one message, when a prerequisite is missing. */
export { unitSetup as default } from './preflight';
