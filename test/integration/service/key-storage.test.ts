import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestService } from '../../helpers/test-service';

describe('API key storage', () => {
  it('never writes a key in plain text to any database file', async () => {
    const svc = await startTestService();
    const keys: string[] = [svc.key];
    for (let i = 0; i < 3; i += 1) {
      const response = await svc.api('/api/v1/keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `k${i}` }) });
      keys.push(((await response.json()) as { key: string }).key);
    }
    // Every key still authenticates, so the hashes really are in there.
    for (const key of keys) expect((await svc.api('/api/v1/sources', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    svc.service.context.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = readdirSync(svc.dataDir).filter((f) => f.startsWith('astra.sqlite'));
    expect(files).toContain('astra.sqlite');
    const bytes = files.map((f) => readFileSync(join(svc.dataDir, f)).toString('latin1')).join('');
    for (const key of keys) {
      expect(bytes.includes(key)).toBe(false);
      expect(bytes.includes(key.slice('astra_sk_live_'.length))).toBe(false);
    }
    await svc.close();
  });
});
