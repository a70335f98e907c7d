/**
 * Numbered schema migrations. Each runs in its own transaction and sets `user_version` to its
 * number, so a crash mid-migration leaves the previous version intact. Append only; never edit
 * a migration that has shipped.
 */
import type Database from 'better-sqlite3';
import { migration001ApiKeys } from './001-api-keys';
import { migration002ItemsCache } from './002-items-cache';
import { migration003CogBlocks } from './003-cog-blocks';
import { migration004Jobs } from './004-jobs';
import { migration005KeyScopes } from './005-key-scopes';
import { migration006JobOwner } from './006-job-owner';
import { migration007JobStorage } from './007-job-storage';
import { migration008Settings } from './008-settings';
import { migration009OpenEoBackends } from './009-openeo-backends';
import { migration010JobProgressDetail } from './010-job-progress-detail';
import { migration011OpenEoLocal } from './011-openeo-local';
import { migration012JobRemote } from './012-job-remote';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  migration001ApiKeys,
  migration002ItemsCache,
  migration003CogBlocks,
  migration004Jobs,
  migration005KeyScopes,
  migration006JobOwner,
  migration007JobStorage,
  migration008Settings,
  migration009OpenEoBackends,
  migration010JobProgressDetail,
  migration011OpenEoLocal,
  migration012JobRemote,
];

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this build knows (${latest}); refusing to open it`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
