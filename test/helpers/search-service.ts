/** A real ASTRA service whose three sources point at a fresh fake upstream. */
import { startFakeUpstream, type FakeUpstream, type FakeUpstreamOptions } from './fake-upstream';
import { orUndo, runAll } from './clean-up';
import { startTestService, type TestService } from './test-service';
import type { ServiceConfig } from '../../electron/service/config';

export interface SearchRig {
  fake: FakeUpstream;
  svc: TestService;
  close(): Promise<void>;
}

export async function startSearchRig(fakeOptions: FakeUpstreamOptions = {}, overrides: Partial<ServiceConfig> = {}): Promise<SearchRig> {
  const fake = await startFakeUpstream(fakeOptions);
  const svc = await orUndo(() => startTestService({
    earthSearchUrl: fake.earthSearchUrl,
    landsatLookUrl: fake.landsatLookUrl,
    planetaryComputerUrl: fake.planetaryComputerUrl,
    pcSasUrl: fake.sasUrl,
    upstreamTimeoutMs: 3000,
    ...overrides,
  }), () => fake.close());
  return {
    fake,
    svc,
    async close() {
      await runAll(() => svc.close(), () => fake.close());
    },
  };
}
