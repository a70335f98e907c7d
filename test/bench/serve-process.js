/**
 * The real headless service (`node out/main/serve.js`, built by `npm run build`) as a child
 * process for the benchmarks, pointed at a fake upstream, with an API key made by the CLI.
 * Env: ASTRA_LOG=1 echoes the service log to stderr; ASTRA_BENCH_NODE_ARGS adds node flags to it
 * (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cache/bench-support.js';

/** Starts the service on a free port; resolves once it printed its `listening on` line. */
export async function startServeProcess(fake, dataDir, extraEnv = {}) {
  const key = execFileSync(process.execPath, [join(repoRoot, 'out/main/cli.js'), 'keys', 'create', '--name', `bench-${Date.now()}`, '--data-dir', dataDir]).toString().trim();
  const nodeArgs = (process.env.ASTRA_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(repoRoot, 'out/main/serve.js'), '--port', '0', '--data-dir', dataDir], {
    env: {
      ...process.env,
      ASTRA_EARTH_SEARCH_URL: fake.earthSearchUrl,
      ASTRA_LANDSATLOOK_URL: fake.landsatLookUrl,
      ASTRA_PLANETARY_COMPUTER_URL: fake.planetaryComputerUrl,
      ASTRA_PC_SAS_URL: fake.sasUrl,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      if (process.env.ASTRA_LOG === '1') process.stderr.write(chunk);
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const api = (path, init = {}) => fetch(url + path, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  return { child, url, key, api, stop };
}

/** RSS now and its high-water mark (VmHWM) of a process, in bytes. */
export function processMemory(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(text)?.[1] ?? NaN);
  return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

/** CPU seconds (user + system) used so far by each thread of `pid`, by thread id. */
export function threadCpu(pid) {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** CPU seconds each thread used between two threadCpu() snapshots; threads that ended are lost. */
export function cpuSpent(before, after, pid) {
  const spent = [...after].map(([tid, s]) => ({ tid, s: s - (before.get(tid) ?? 0), main: tid === String(pid) })).filter((t) => t.s > 0.05);
  const main = spent.find((t) => t.main)?.s ?? 0;
  const others = spent.filter((t) => !t.main).sort((a, b) => b.s - a.s);
  return { main, threads: others.map((t) => t.s), total: main + others.reduce((sum, t) => sum + t.s, 0) };
}

export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/**
 * POSTs `body`, polls the job every `pollMs` until it ends (sampling the service's RSS), and
 * returns the wall time seen by the client (and how long the POST took: validation and plan), the
 * service's own (created_at → finished_at), the CPU of every thread of the service process over
 * the run, the sampled RSS maximum, the phases as polled and the job. `onPoll(job, seconds)` sees
 * every polled state.
 */
export async function runJob(service, body, { pollMs = 100, onPoll } = {}) {
  const pid = service.child.pid;
  const cpuBefore = threadCpu(pid);
  const started = performance.now();
  const response = await service.api('/api/v1/jobs', { method: 'POST', body: JSON.stringify(body) });
  if (response.status !== 202) throw new Error(`POST /jobs → ${response.status} ${await response.text()}`);
  const { id } = await response.json();
  const postSeconds = (performance.now() - started) / 1000;
  let job;
  let peakRss = 0;
  const phases = [];
  for (;;) {
    peakRss = Math.max(peakRss, processMemory(pid).rss);
    job = await (await service.api(`/api/v1/jobs/${id}`)).json();
    const phase = job.progress_detail?.phase;
    if (phase && phases.at(-1)?.phase !== phase) phases.push({ phase, at: (performance.now() - started) / 1000 });
    onPoll?.(job, (performance.now() - started) / 1000);
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSpent(cpuBefore, threadCpu(pid), pid);
  if (job.status !== 'succeeded') throw new Error(`job ${id} ${job.status}: ${JSON.stringify(job.error)}`);
  const serviceSeconds = (Date.parse(job.finished_at) - Date.parse(job.created_at)) / 1000;
  return { seconds, postSeconds, serviceSeconds, cpu, peakRss, job, phases };
}
