/**
 * Headless entry (`npm run serve`): the same service as the desktop app, without Electron.
 * Prints exactly one `listening on http://HOST:PORT` line once ready; stops cleanly on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config';
import { tuneHeapForStreaming } from './heap-tuning';
import { createService } from './server';

async function main(): Promise<void> {
  tuneHeapForStreaming();
  const builtRenderer = fileURLToPath(new URL('../renderer', import.meta.url));
  let config;
  try {
    config = loadConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`astra serve: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (config.rendererDir === null && existsSync(builtRenderer)) config.rendererDir = builtRenderer;

  const service = await createService(config, { logger: process.env.ASTRA_LOG === '1' });
  const { url } = await service.listen();
  process.stdout.write(`listening on ${url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`astra serve: ${signal}, shutting down\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    service.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`astra serve: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
