/** failure-reason.mjs: the real outputs of Electron's installer, prebuild-install and node-gyp on a machine without network become one short reason. */
import { describe, expect, it } from 'vitest';
import { shortReason } from '../../../electron/scripts/lib/failure-reason.mjs';

// Captured on this machine (no route to github.com or electronjs.org).
const INSTALLER_OFFLINE = `TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
    at async FetchDownloader.download (file:///x/node_modules/@electron/get/dist/FetchDownloader.js:46:30)`;
const INSTALLER_404 = `HTTPError: Response code 404 (Not Found) for http://127.0.0.1:9/v42.11.18/electron-v42.11.18-linux-x64.zip
    at FetchDownloader.download (file:///x/node_modules/@electron/get/dist/FetchDownloader.js:49:23)`;
const PREBUILD_OFFLINE = `prebuild-install warn install getaddrinfo ENOTFOUND github.com`;
const NODE_GYP_OFFLINE = `gyp info it worked if it ends with ok
gyp http GET https://electronjs.org/headers/v42.11.18/node-v42.11.18-headers.tar.gz
gyp WARN install got an error, rolling back install
gyp ERR! configure error
gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and
gyp ERR! stack is related to network connectivity. In most cases you are behind a proxy or have bad
gyp ERR! not ok`;

describe('shortReason', () => {
  it('names a network failure as such, with the code and host when the tool printed them', () => {
    expect(shortReason(PREBUILD_OFFLINE, 'x')).toBe('no connection: getaddrinfo ENOTFOUND github.com');
    expect(shortReason(INSTALLER_OFFLINE, 'x')).toBe('no connection: fetch failed');
    expect(shortReason(NODE_GYP_OFFLINE, 'x')).toBe('no connection (network or proxy)');
    expect(shortReason('Error: connect ECONNREFUSED 127.0.0.1:9', 'x')).toBe('no connection: connect ECONNREFUSED 127.0.0.1:9');
  });

  it('keeps other errors message, without the error class, on one short line', () => {
    expect(shortReason(INSTALLER_404, 'x')).toBe('Response code 404 (Not Found) for http://127.0.0.1:9/v42.11.18/electron-v42.11.18-linux-x64.zip');
    const long = shortReason(`Error: ${'y'.repeat(400)}`, 'x');
    expect(long.length).toBe(160);
    expect(long.endsWith('…')).toBe(true);
    expect(shortReason('gyp ERR! stack make failed with exit code 2', 'x')).toBe('make failed with exit code 2');
  });

  it('falls back when the output says nothing useful', () => {
    expect(shortReason('', 'the installer exited with code 1')).toBe('the installer exited with code 1');
    expect(shortReason('\n  \n', 'fallback')).toBe('fallback');
  });
});
