/**
 * `npm run astra -- keys create --name N | keys list | keys revoke ID [--data-dir D]`.
 * Works on the same SQLite file as the service (WAL allows both at once): both resolve the data
 * dir with config.ts resolveDataDir. `keys create` prints the key alone on stdout so scripts can
 * capture it (`KEY=$(npm run -s astra -- keys create --name N)`; `-s` keeps npm's banner out);
 * such keys have every scope (admin).
 */
import { join } from 'node:path';
import { isAppError } from './api/errors';
import { resolveDataDir } from './config';
import { openDatabase } from './db/open-database';
import { ADMIN_KEY_SCOPES } from './keys/key-scopes';
import { KeyStore } from './keys/key-store';

const USAGE = 'usage: astra keys create --name NAME | keys list | keys revoke ID   [--data-dir DIR]';

function takeOption(args: string[], flag: string): string | undefined {
  const index = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (index === -1) return undefined;
  const arg = args[index];
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  args.splice(index, arg.includes('=') ? 1 : 2);
  return value;
}

export function runCli(argv: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void): number {
  const args = [...argv];
  const dataDir = resolveDataDir(takeOption(args, '--data-dir'), env);
  const [group, command, ...rest] = args;
  if (group !== 'keys' || !command) {
    err(USAGE);
    return 2;
  }
  const db = openDatabase(join(dataDir, 'astra.sqlite'));
  try {
    const keys = new KeyStore(db);
    if (command === 'create') {
      const name = takeOption(rest, '--name');
      if (!name) {
        err('keys create needs --name NAME');
        return 2;
      }
      // Whoever can run this owns the data dir, so command-line keys may manage keys too.
      out(keys.create(name, ADMIN_KEY_SCOPES).key);
      return 0;
    }
    if (command === 'list') {
      for (const k of keys.list()) {
        out([k.id, k.prefix + '…', k.scopes.join(','), k.created_at, k.revoked_at ? `revoked ${k.revoked_at}` : 'active', k.name].join('\t'));
      }
      return 0;
    }
    if (command === 'revoke' && rest[0]) {
      keys.revoke(rest[0]);
      err(`revoked ${rest[0]}`);
      return 0;
    }
    err(USAGE);
    return 2;
  } catch (error) {
    if (isAppError(error)) {
      err(`astra: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split(/[\\/]/).pop() ?? '\0');
if (isMain) {
  process.exitCode = runCli(process.argv.slice(2), process.env, (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
}
