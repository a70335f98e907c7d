/** The BUILT headless service (`node out/main/serve.js`) as a child process, as `npm run serve` runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './readme-snippets';

export const SERVE_JS = join(REPO_ROOT, 'out/main/serve.js');

export interface ServeChild {
  /** `http://127.0.0.1:PORT`, from its `listening on` line. */
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServeChild(args: string[], env: NodeJS.ProcessEnv): Promise<ServeChild> {
  if (!existsSync(SERVE_JS)) throw new Error('out/main/serve.js is missing: run `npm run build` before the tests');
  const child = spawn(process.execPath, [SERVE_JS, '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve.js exited with ${code} before listening: ${stderr}`)));
  });
  return {
    url,
    child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
