/** Step 1 of db-rollback: everything is read, nothing is changed; a refusal here leaves the world as it was. */
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkSchemaMatch, EXIT, RunbookError } from '@runbook/core';
import type { DbAdapter, DumpInfo, MigrationRow } from '../adapters/db.ts';
import { apiApp, enforceSchemaMatch, imageTagOf } from '../schema-match.ts';
import { migrationsInDump } from './db-migrations.ts';
import { timestamp } from './db-restore.ts';
import type { ProcedureDeps } from './deps.ts';

const names = (rows: MigrationRow[]) => rows.map((m) => m.name);

/** Free bytes where the snapshot will go (its nearest existing parent), or null when unknown. */
async function freeBytes(dir: string): Promise<number | null> {
  for (let d = dir; ; d = dirname(d)) {
    const s = await statfs(d).catch(() => null);
    if (s) return s.bavail * s.bsize;
    if (dirname(d) === d) return null;
  }
}

/** What preflight reads of the procedure's options; db-rollback's options extend these. */
export interface PreflightOptions {
  /** Resolved path of the dump; absent in migration-only mode. */
  backup?: string;
  revertMigrations?: number;
  sqlFile?: { path: string; sql: string };
  /** Where the safety snapshot goes. */
  snapshotDir: string;
  force?: boolean;
}

/** Backup readable, database reachable, replicas and image recorded, app/schema match predicted. */
export async function preflight(deps: ProcedureDeps, db: DbAdapter, o: PreflightOptions) {
  const { runbook, kube } = deps;
  const app = apiApp(runbook);
  const table = runbook.meta.migrations.table;
  const database = db.target.database;

  if (o.backup && database === 'postgres')
    throw new RunbookError(
      'E_USAGE',
      'refusing to restore over the maintenance database "postgres"',
      EXIT.usage,
    );
  const dump: DumpInfo | null = o.backup ? await db.inspectDump(o.backup) : null;
  const server = await db.ping(database);
  const deployment = await kube.getDeployment(app.deployment);
  const replicas = Number(deployment.spec?.replicas ?? 1);
  const podSelector = Object.entries<string>(deployment.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const imageTag = imageTagOf(deployment, app);
  const before = await db.listMigrations(database, table);
  let predicted = o.backup ? await migrationsInDump(db, o.backup, table) : before;
  if (o.revertMigrations) {
    if (o.revertMigrations > predicted.length) {
      throw new RunbookError(
        'E_MIGRATIONS',
        `--revert-migrations ${o.revertMigrations}: the ${o.backup ? 'backup' : 'database'} has only ${predicted.length} migration(s)`,
        EXIT.precondition,
      );
    }
    predicted = predicted.slice(o.revertMigrations);
  }
  // With --sql-file the outcome is known only inside its transaction, where it is checked again.
  const match = o.sqlFile
    ? null
    : enforceSchemaMatch(
        checkSchemaMatch(runbook, { imageTag, appliedMigrations: predicted }),
        Boolean(o.force),
      );
  const leftovers = await db.databasesLike(`${database}_restore_`);
  const free = await freeBytes(o.snapshotDir);
  return {
    stamp: timestamp(),
    dump: dump
      ? { path: dump.path, createdAt: dump.createdAt?.toISOString() ?? null, tables: dump.tables }
      : null,
    serverVersion: server.serverVersion,
    sizeBytes: server.sizeBytes,
    freeBytes: free,
    replicas,
    podSelector,
    imageTag,
    before: names(before),
    predicted: names(predicted),
    match,
    leftovers,
    rowCounts: await db.rowCounts(database),
  };
}
