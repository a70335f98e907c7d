/** Starts and kills the service as a real child process (see child-service-runner.mjs). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ChildService {
  child: ChildProcess;
  url: string;
  /** SIGKILL: no shutdown hooks, no cleanup — a crash. */
  crash(): Promise<void>;
}

export async function startChildService(dataDir: string, env: NodeJS.ProcessEnv): Promise<ChildService> {
  const child = spawn(process.execPath, [join(__dirname, 'child-service-runner.mjs'), '--port', '0', '--data-dir', dataDir], {
    cwd: join(__dirname, '..', '..', '..', '..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`service exited early with ${code}: ${stderr}`)));
  });
  return {
    child,
    url,
    crash: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    }),
  };
}
