#!/usr/bin/env node
// @ts-check
/**
 * Makes every application icon from resources/icon.svg: the PNG sizes that electron-builder and
 * Linux desktops use (resources/icons/NxN.png), resources/icon.ico (Windows) and
 * resources/icon.icns (macOS). The outputs are committed, so packaging never needs this script;
 * run it (`npm run icons`) after editing the SVG. `--out DIR` writes the same files under DIR
 * instead (the tests compare that with what is committed).
 *
 * Each PNG is rendered from the SVG at its own size (@resvg/resvg-js), so small sizes stay crisp;
 * icon-gen packs those PNGs into the .ico and .icns containers unchanged.
 */
import { Resvg } from '@resvg/resvg-js';
import icongen from 'icon-gen';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every PNG size written; ICO takes 16–256, ICNS 16–1024 (both subsets of this list). */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @param {string} svg @param {number} size */
function renderPng(svg, size) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    // The icon has no text: never read the system's fonts, so every machine renders alike.
    font: { loadSystemFonts: false },
  });
  const image = resvg.render();
  if (image.width !== size || image.height !== size) throw new Error(`icon.svg rendered ${image.width}×${image.height} for ${size} px: it must be square`);
  return image.asPng();
}

/**
 * @param {{ svgPath: string, outDir: string }} options
 * @returns {Promise<string[]>} the files written
 */
export async function makeIcons({ svgPath, outDir }) {
  const svg = readFileSync(svgPath, 'utf8');
  const iconsDir = join(outDir, 'icons');
  mkdirSync(iconsDir, { recursive: true });
  // icon-gen reads a folder of PNGs named by size (16.png, 32.png, …).
  const work = mkdtempSync(join(tmpdir(), 'astra-icons-'));
  const written = [];
  try {
    for (const size of ICON_SIZES) {
      const png = renderPng(svg, size);
      const file = join(iconsDir, `${size}x${size}.png`);
      writeFileSync(file, png);
      writeFileSync(join(work, `${size}.png`), png);
      written.push(file);
    }
    await icongen(work, work, {
      report: false,
      ico: { name: 'icon', sizes: ICO_SIZES },
      icns: { name: 'icon', sizes: ICNS_SIZES },
    });
    for (const name of ['icon.ico', 'icon.icns']) {
      copyFileSync(join(work, name), join(outDir, name));
      written.push(join(outDir, name));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : join(root, 'resources');
  const written = await makeIcons({ svgPath: join(root, 'resources', 'icon.svg'), outDir });
  for (const file of written) console.log(`make-icons: ${relative(process.cwd(), file)}`);
}
