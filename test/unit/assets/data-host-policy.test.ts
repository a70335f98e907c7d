import { describe, expect, it } from 'vitest';
import { createDataHostPolicy, parseDataHostEntry } from '../../../electron/service/assets/data-host-policy';
import { createGuardedFetch } from '../../../electron/service/assets/guarded-fetch';
import { isPrivateAddress } from '../../../electron/service/assets/private-address';
import { createUpstreamFetch, dataHostRules } from '../../../electron/service/assets/upstream-fetch';
import { ConfigError, loadConfig } from '../../../electron/service/config';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '127.255.255.254', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%eth0', '[::1]', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::10.0.0.1', '64:ff9b::a00:1',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '52.92.1.1', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', 'example.org'])('%s is not', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('the data-host policy', () => {
  const policy = createDataHostPolicy({
    origins: ['http://127.0.0.1:9000/earth-search/v1', 'https://catalog.example.org/stac', 'not a url'],
    hosts: ['sentinel-cogs.s3.us-west-2.amazonaws.com', '*.blob.core.windows.net', 'mirror.example.org:8443', '[2001:db8::1]'],
  });
  const allowed = (href: string) => policy.check(href).allowed;

  it('allows the origins of configured URLs, over their own scheme and port only', () => {
    expect(allowed('http://127.0.0.1:9000/cogs/B04.tif')).toBe(true);
    expect(allowed('https://catalog.example.org/elsewhere/B04.tif')).toBe(true);
    expect(allowed('http://127.0.0.1:9001/cogs/B04.tif')).toBe(false);
    expect(allowed('https://127.0.0.1:9000/cogs/B04.tif')).toBe(false);
    expect(allowed('http://catalog.example.org/B04.tif')).toBe(false);
  });

  it("allows the sources' hosts over https on the default port", () => {
    expect(allowed('https://sentinel-cogs.s3.us-west-2.amazonaws.com/sentinel-s2-l2a-cogs/B04.tif')).toBe(true);
    expect(allowed('https://SENTINEL-COGS.s3.us-west-2.amazonaws.com./B04.tif')).toBe(true);
    expect(allowed('https://sentinel-cogs.s3.us-west-2.amazonaws.com:443/B04.tif')).toBe(true);
    expect(allowed('http://sentinel-cogs.s3.us-west-2.amazonaws.com/B04.tif')).toBe(false);
    expect(allowed('https://sentinel-cogs.s3.us-west-2.amazonaws.com:8443/B04.tif')).toBe(false);
    expect(allowed('https://mirror.example.org:8443/x')).toBe(true);
    expect(allowed('https://mirror.example.org/x')).toBe(false);
  });

  it('matches a wildcard by exactly one label', () => {
    expect(allowed('https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/x.tif')).toBe(true);
    expect(allowed('https://x.privatelink.blob.core.windows.net/c/x.tif')).toBe(false);
    expect(allowed('https://blob.core.windows.net/c/x.tif')).toBe(false);
    expect(allowed('https://evilblob.core.windows.net/c/x.tif')).toBe(false);
    expect(allowed('https://sentinel-cogs.s3.us-west-2.amazonaws.com.evil.example/x')).toBe(false);
  });

  it('refuses other schemes, credentials and private address literals, naming the host', () => {
    for (const href of ['file:///etc/passwd', 's3://sentinel-cogs/x', 'data:text/plain,hi', 'ftp://sentinel-cogs.s3.us-west-2.amazonaws.com/x', 'javascript:alert(1)', 'relative/path']) {
      expect(allowed(href), href).toBe(false);
    }
    expect(allowed('https://user:pw@sentinel-cogs.s3.us-west-2.amazonaws.com/x')).toBe(false);
    expect(allowed('https://[2001:db8::1]/x')).toBe(false);
    const metadata = policy.check('http://169.254.169.254/latest/meta-data/');
    expect(metadata).toMatchObject({ allowed: false, host: '169.254.169.254' });
    const scheme = policy.check('s3://usgs-landsat/collection02/x.TIF');
    expect(scheme.allowed).toBe(false);
    if (!scheme.allowed) expect(scheme.reason).toMatch(/s3: scheme/);
  });

  it('tells configured origins (no address check) from listed hosts (checked)', () => {
    expect(policy.check('http://127.0.0.1:9000/x')).toMatchObject({ allowed: true, configured: true });
    expect(policy.check('https://sentinel2l2a01.blob.core.windows.net/c/x')).toMatchObject({ allowed: true, configured: false });
  });
});

describe('ASTRA_DATA_HOSTS entries', () => {
  it('are origins or host patterns', () => {
    expect(parseDataHostEntry('http://10.0.0.5:9000')).toEqual({ origin: 'http://10.0.0.5:9000' });
    expect(parseDataHostEntry('https://mirror.example.org/')).toEqual({ origin: 'https://mirror.example.org' });
    expect(parseDataHostEntry('Data.Example.org')).toEqual({ host: 'data.example.org' });
    expect(parseDataHostEntry('*.example.org')).toEqual({ host: '*.example.org' });
    expect(parseDataHostEntry('mirror.example.org:8443')).toEqual({ host: 'mirror.example.org:8443' });
  });

  it.each(['ftp://x.example.org', 'https://x.example.org/path', 'https://u:p@x.example.org', '*', '*.org.', 'a..b', 'host name', 'http://'])('%s is refused', (entry) => {
    expect(() => parseDataHostEntry(entry)).toThrow();
  });

  it('a malformed list stops the configuration with a message naming the variable', () => {
    expect(() => loadConfig([], { ASTRA_DATA_HOSTS: 'mirror.example.org, ftp://x' })).toThrow(ConfigError);
    expect(() => loadConfig([], { ASTRA_DATA_HOSTS: 'https://x.example.org/path' })).toThrow(/ASTRA_DATA_HOSTS.*origin only/);
    expect(loadConfig([], { ASTRA_DATA_HOSTS: ' a.example.org ,, http://10.0.0.5:9000 ' }).dataHosts).toEqual(['a.example.org', 'http://10.0.0.5:9000']);
  });
});

describe('the rules a configuration gives', () => {
  it("combine the configured catalogs, the sources' documented data hosts and ASTRA_DATA_HOSTS", () => {
    const config = loadConfig([], { ASTRA_PC_BLOB_URL: 'http://10.9.9.9:10000/blob', ASTRA_DATA_HOSTS: 'https://mirror.internal:8443,*.cdn.example.org' });
    const policy = createDataHostPolicy(dataHostRules(config));
    for (const href of [
      'https://earth-search.aws.element84.com/v1/x',
      'https://planetarycomputer.microsoft.com/api/data/v1/item/preview.png?collection=sentinel-2-l2a',
      'https://sentinel-cogs.s3.us-west-2.amazonaws.com/sentinel-s2-l2a-cogs/29/R/KH/2020/2/S2A_29RKH_20200219_0_L2A/B04.tif',
      'https://e84-earth-search-sentinel-data.s3.us-west-2.amazonaws.com/sentinel-2-c1-l2a/10/T/FR/2023/12/x/B04.tif',
      'https://landsateuwest.blob.core.windows.net/landsat-c2/level-2/x_SR_B4.TIF',
      'https://landsatlook.usgs.gov/data/collection02/x.TIF',
      'http://10.9.9.9:10000/blob/sentinel2l2a01/sentinel2-l2/x.tif',
      'https://mirror.internal:8443/x.tif',
      'https://a.cdn.example.org/x.tif',
    ]) {
      expect(policy.check(href).allowed, href).toBe(true);
    }
    for (const href of ['https://example.com/x.tif', 'http://planetarycomputer.microsoft.com/x', 'https://a.b.cdn.example.org/x.tif', 'http://127.0.0.1:8787/api/v1/keys']) {
      expect(policy.check(href).allowed, href).toBe(false);
    }
  });
});

describe('the guarded fetch', () => {
  const sentFetch = () => {
    const sent: string[] = [];
    const fetch = (async (url: string | URL) => {
      sent.push(String(url));
      return new Response('ok', { status: 200 });
    }) as typeof globalThis.fetch;
    return { sent, fetch };
  };

  it('refuses an allowed name that resolves to a private address, before any request', async () => {
    const { sent, fetch } = sentFetch();
    const guarded = createUpstreamFetch(loadConfig([], {}), { fetch, resolve: async () => ['52.1.2.3', '10.0.0.7'] });
    await expect(guarded('https://sentinel-cogs.s3.us-west-2.amazonaws.com/x.tif')).rejects.toMatchObject({ code: 'upstream_error', message: expect.stringMatching(/sentinel-cogs.*resolves to 10\.0\.0\.7/) });
    expect(sent).toEqual([]);
  });

  it('requests an allowed public host, and a configured origin without asking DNS', async () => {
    const { sent, fetch } = sentFetch();
    const asked: string[] = [];
    const guarded = createGuardedFetch(createDataHostPolicy({ origins: ['http://127.0.0.1:9000'], hosts: ['*.blob.core.windows.net'] }), {
      fetch, resolve: async (name) => { asked.push(name); return ['20.60.1.1']; },
    });
    expect((await guarded('https://acct.blob.core.windows.net/c/x')).status).toBe(200);
    expect((await guarded('http://127.0.0.1:9000/x')).status).toBe(200);
    expect(sent).toEqual(['https://acct.blob.core.windows.net/c/x', 'http://127.0.0.1:9000/x']);
    expect(asked).toEqual(['acct.blob.core.windows.net']);
  });
});
