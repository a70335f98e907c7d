/**
 * Workers read through this service's own HTTP proxy, so a job must not start reading before the
 * service listens — which a job resumed at start-up (kinds register before `listen()`) would.
 * Waits until `localBaseUrl()` answers an authenticated route (the sources list) with the internal
 * key: proof that it is this very process (another instance would not know the per-process key).
 * Not the job's own record: jobs are visible to the key that submitted them only.
 */
import type { JobRunContext } from '../../jobs/job-kind';

const POLL_MS = 50;
const TIMEOUT_MS = 30_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(signal.reason); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function answers(ctx: JobRunContext): Promise<boolean> {
  const base = ctx.service.localBaseUrl();
  if (/:0$/.test(base)) return false;
  try {
    const response = await fetch(`${base}/api/v1/sources`, {
      headers: { authorization: `Bearer ${ctx.service.internalKey}` },
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(2000)]),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    ctx.signal.throwIfAborted();
    return false;
  }
}

export async function waitForOwnService(ctx: JobRunContext): Promise<string> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await answers(ctx))) {
    if (Date.now() > deadline) throw new Error(`the service did not answer on ${ctx.service.localBaseUrl()} within ${TIMEOUT_MS} ms`);
    await sleep(POLL_MS, ctx.signal);
  }
  return ctx.service.localBaseUrl();
}
