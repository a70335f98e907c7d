#!/usr/bin/env node
/**
 * Map bench: footprints at 5,000 and 20,000 in headless Chromium, ASTRA's footprint layer beside a
 * plain ol/layer/Vector baseline in the same run. Builds the bench page (page/) with Vite, serves
 * it on loopback, drives 60 view changes with real mouse input (drags = interacting, wheel zooms =
 * animating), and prints frame times from OpenLayers render events: gesture frames, settled
 * renders, hover (hit test + highlight + frame) and click hit tests. Prints, never asserts.
 *
 * Usage: node test/bench/map/run-map-bench.js [--sizes 5000,20000] [--changes 60] [--modes baseline,ours] [--screenshots DIR]
 * (with the default sizes, the basemap alone is measured first as a floor).
 */
/* global window */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { importTs } from '../cache/bench-support.js';

const here = dirname(fileURLToPath(import.meta.url));
const { seededRandom } = await importTs('test/helpers/seeded-random.ts');
const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)));
const SIZES = (args.sizes ?? '5000,20000').split(',').map(Number);
const CHANGES = Number(args.changes ?? 60);
const MODES = (args.modes ?? 'baseline,ours').split(',');
// Same browser and flags as test/helpers/chromium.ts.
const CHROMIUM = process.env.ASTRA_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

async function buildPage() {
  const outDir = mkdtempSync(join(tmpdir(), 'astra-map-bench-'));
  await build({ root: join(here, 'page'), base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: true } });
  return outDir;
}

function serve(dir) {
  const server = createServer((request, response) => {
    const path = resolve(dir, '.' + decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = path.startsWith(dir) && existsSync(path) && statSync(path).isFile() ? path : join(dir, 'index.html');
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** 60 view changes: pans between zooms that climb from the world (z2) to z8 and back. */
function viewChanges(count) {
  const random = seededRandom(7);
  const actions = [];
  let zoom = 2;
  let direction = 1;
  for (let i = 0; i < count; i++) {
    if (i % 2 === 1) {
      if (zoom + direction > 8 || zoom + direction < 2) direction = -direction;
      zoom += direction;
      actions.push({ kind: 'wheel', deltaY: direction > 0 ? -300 : 300 });
    } else {
      actions.push({ kind: 'drag', dx: Math.round((random() - 0.5) * 500), dy: Math.round((random() - 0.5) * 300) });
    }
  }
  return actions;
}

async function waitIdle(page, quietMs = 120, maxMs = 4000) {
  const start = Date.now();
  while (Date.now() - start < maxMs) {
    const idle = await page.evaluate(() => window.bench.idleFor());
    if (idle >= quietMs) return;
    await page.waitForTimeout(40);
  }
}

async function runOne(context, baseUrl, n, mode) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/index.html?n=${n}&mode=${mode}`);
  await page.waitForFunction(() => window.bench && window.bench.ready, null, { timeout: 60_000 });
  // Start over a dense cluster so zooming in lands on footprints.
  await page.evaluate(() => window.bench.goToCluster(2));
  await waitIdle(page);
  if (args.screenshots) {
    await page.screenshot({ path: join(args.screenshots, `map-bench-${n}-${mode}-z2.png`) });
    await page.evaluate(() => window.bench.goToCluster(6));
    await waitIdle(page);
    await page.screenshot({ path: join(args.screenshots, `map-bench-${n}-${mode}-z6.png`) });
    await page.evaluate(() => window.bench.goToCluster(2));
    await waitIdle(page);
  }
  await page.evaluate(() => window.bench.resetFrames());
  const cx = 500;
  const cy = 400;
  for (const action of viewChanges(CHANGES)) {
    if (action.kind === 'drag') {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + action.dx, cy + action.dy, { steps: 8 });
      await page.mouse.up();
    } else {
      await page.mouse.move(cx, cy);
      await page.mouse.wheel(0, action.deltaY);
      // OpenLayers collects wheel events for 80 ms before it starts the zoom animation.
      await page.waitForTimeout(150);
    }
    await waitIdle(page);
    if (process.env.BENCH_DEBUG) console.log(action, await page.evaluate(() => window.bench.zoom()));
  }
  const summary = await page.evaluate(() => window.bench.summary());
  // Hover and click over a dense, zoomed-out view (the worst case: thousands under the pointer's neighbourhood).
  await page.evaluate(() => window.bench.goToCluster(4));
  await waitIdle(page);
  const pointer = await page.evaluate(() => window.bench.hover(150));
  const renderer = await page.evaluate(() => window.bench.renderer());
  await page.close();
  return { ...summary, ...pointer, renderer };
}

const fmt = (v) => (Number.isFinite(v) ? v.toFixed(1).padStart(7) : '      –');

async function main() {
  const outDir = await buildPage();
  const server = await serve(outDir);
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const rows = [];
  try {
    // Reference: the basemap alone, what every frame costs before any footprint.
    if (!args.sizes) {
      rows.push({ n: 0, mode: 'basemap', ...(await runOne(context, baseUrl, 0, 'ours')) });
      process.stdout.write('  measured the basemap alone\n');
    }
    for (const n of SIZES) {
      for (const mode of MODES) {
        const started = Date.now();
        const result = await runOne(context, baseUrl, n, mode);
        rows.push({ n, mode, ...result });
        process.stdout.write(`  measured ${mode} at ${n} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      }
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  console.log(`\nmap bench — ${CHANGES} view changes per run, 1000×800 map, WebGL: ${rows[0]?.renderer ?? '?'}`);
  console.log('all times in ms; gesture = frames while dragging/zooming; settled = the first frame after each gesture ended;');
  console.log('rAF gap = time between animation frames during the run (main-thread stalls outside OpenLayers frames show here)');
  console.log('layer                         n   gesture med  p95 (frames)  settled med  p95   max (frames)  hover med  p95   click med  p95   rAF gap p95   max');
  for (const r of rows) {
    const name = r.mode === 'ours' ? 'astra footprint layer' : r.mode === 'basemap' ? 'basemap only (reference)' : 'ol/layer/Vector (baseline)';
    console.log(
      `${name.padEnd(27)} ${String(r.n).padStart(6)} ${fmt(r.gestureMedian)}${fmt(r.gestureP95)} (${String(r.gestureFrames).padStart(4)})  ${fmt(r.settledMedian)}${fmt(r.settledP95)}${fmt(r.settledMax)} (${String(r.settledFrames).padStart(3)})  ${fmt(r.hoverMedian)}${fmt(r.hoverP95)} ${fmt(r.clickMedian)}${fmt(r.clickP95)}  ${fmt(r.rafP95)}${fmt(r.rafMax)}`,
    );
  }
  const modes = rows.filter((r) => r.mode === 'ours').map((r) => `${r.n}: ${JSON.stringify(r.modes)}`);
  console.log(`frames by footprint mode (ours) — ${modes.join('; ')}`);
  for (const r of rows.filter((x) => x.mode === 'ours')) {
    console.log(`settled frames of ours at ${r.n} drawing footprints one by one: median ${fmt(r.settledDetail).trim()} max ${fmt(r.settledDetailMax).trim()}; settled frames by zoom:mode ${JSON.stringify(r.zooms)}`);
  }
  console.log('targets at 20,000: gesture median ≤ 16, p95 ≤ 33; settled ≤ 100 (≤ 30 at 5,000); hover ≤ 16; click ≤ 5');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
