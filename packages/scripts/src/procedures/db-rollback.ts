/**
 * db-rollback: preflight, stop writers, safety snapshot, atomic restore, migrations, restart, report.
 * Each step is a journal step, so `--resume` continues after a crash with the recorded replica count.
 */
import { checkSchemaMatch, type RunbookError } from '@runbook/core';
import type { DbAdapter, MigrationRow } from '../adapters/db.ts';
import { apiApp, enforceSchemaMatch } from '../schema-match.ts';
import { type PreflightOptions, preflight } from './_db-preflight.ts';
import { type DbRollbackReport, type Found, initialReport } from './_db-report.ts';
import { restartAfterFailure, waitNoPods } from './_db-writers.ts';
import { withRollbackLock } from './_locked.ts';
import { revertMigrations } from './db-migrations.ts';
import { restoreAtomically, rollbackNames, takeSafetySnapshot } from './db-restore.ts';
import type { ProcedureDeps } from './deps.ts';
import { applyRevertSql, SQL_FILE_NOT_ROLLED_BACK } from './sql-file.ts';

export type { DbRollbackReport } from './_db-report.ts';

export interface DbRollbackOptions extends PreflightOptions {
  /** pg_restore --jobs. */
  jobs?: number;
  /** Deadline for pods to go and come back; default 120 s. */
  waitMs?: number;
  /** The namespace Lease is already held by the caller. */
  lockHeld?: boolean;
  /** pid of each pg_dump/pg_restore child (tests kill it). */
  onSpawn?: (step: string, pid: number) => void;
}

const names = (rows: MigrationRow[]) => rows.map((m) => m.name);

/** Runs the whole procedure under the namespace lock (none in dry-run); see the module comment. */
export function dbRollback(
  deps: ProcedureDeps,
  db: DbAdapter,
  o: DbRollbackOptions,
): Promise<DbRollbackReport> {
  return withRollbackLock(deps, o.lockHeld, () => run(deps, db, o));
}

/** One run's state, shared by its steps: what the preflight found, the report, whether the data changed. */
interface Run extends Found {
  o: DbRollbackOptions;
  report: DbRollbackReport;
  waitMs: number;
  /** Set once the database may differ from before the run: a failure must then check the schema first. */
  dbChanged: boolean;
}

async function run(deps: ProcedureDeps, db: DbAdapter, o: DbRollbackOptions): Promise<DbRollbackReport> {
  const t0 = Date.now();
  const app = apiApp(deps.runbook);
  const database = db.target.database;
  // 1. Preflight: reads only.
  const pre = await deps.journal.step(
    'preflight',
    { backup: o.backup ?? null, database: db.describe() },
    () => preflight(deps, db, o),
  );
  const found = { deps, db, o, pre, app, database, waitMs: o.waitMs ?? 120_000 };
  const r: Run = { ...found, report: initialReport(found), dbChanged: false };
  if (deps.dryRun) {
    r.report.durationMs = Date.now() - t0;
    return r.report;
  }
  await deps.confirm(
    o.backup
      ? `Restore ${o.backup} over ${database} (${app.deployment} stopped meanwhile, current data kept as a snapshot)`
      : `Change the schema of ${database} (${app.deployment} stopped meanwhile)`,
  );
  const replicas = await stopWriters(r);
  try {
    await snapshotStep(r);
    await restoreStep(r);
    await migrationsStep(r);
    const { report } = r;
    report.migrations.after = names(await db.listMigrations(database, deps.runbook.meta.migrations.table));
    report.migrations.reverted = report.migrations.reverted.length
      ? report.migrations.reverted
      : (pre.dump ? pre.predicted : pre.before).filter((n) => !report.migrations.after.includes(n));
  } catch (err) {
    await restartAfterFailure(deps, db, {
      database,
      imageTag: pre.imageTag,
      replicas,
      dbChanged: r.dbChanged,
      force: Boolean(o.force),
      log: deps.log,
    });
    throw err;
  }
  await restartStep(r, replicas);
  // 7. Report.
  const { report } = r;
  report.rowCounts.after = await db.rowCounts(database);
  report.durationMs = Date.now() - t0;
  await deps.journal.step('report', {}, () => ({
    snapshot: report.snapshot?.path ?? null,
    keptAs: report.keptAs,
    reverted: report.migrations.reverted,
    rowCounts: report.rowCounts,
    durationMs: report.durationMs,
  }));
  return report;
}

/** 2. Stop writers: the count is recorded first, so a resumed run restores it. */
async function stopWriters({ deps, pre, app, waitMs }: Run): Promise<number> {
  const stopped = await deps.journal.step(
    'stop-writers',
    { deployment: app.deployment, replicas: pre.replicas },
    async () => {
      await deps.kube.scale(app.deployment, 0);
      await waitNoPods(deps.kube, pre.podSelector, Date.now() + waitMs, deps.signal);
      return { replicas: pre.replicas };
    },
  );
  return Number(stopped.replicas);
}

/** 3. Safety snapshot of the live database, before anything changes it. */
async function snapshotStep({ deps, db, o, pre, database, report }: Run): Promise<void> {
  const snap = await deps.journal.step('safety-snapshot', { database, dir: o.snapshotDir }, async () => {
    const s = await takeSafetySnapshot(db, database, o.snapshotDir, pre.stamp, {
      signal: deps.signal,
      onSpawn: (pid) => o.onSpawn?.('safety-snapshot', pid),
    });
    return { path: s.path, bytes: s.bytes, tables: s.tables.length };
  });
  report.snapshot = { path: String(snap.path), bytes: Number(snap.bytes) };
  deps.log(`safety snapshot: ${snap.path}`);
}

/** 4. Atomic restore: into a new database, then the names swapped; the old one kept. */
async function restoreStep(r: Run): Promise<void> {
  const { deps, db, o, pre, database, report } = r;
  if (!o.backup || !pre.dump) return;
  const backupInfo = { ...pre.dump, createdAt: null, dbname: null, format: 'CUSTOM', entries: 0 };
  const done = await deps.journal.step(
    'restore',
    { backup: o.backup, into: rollbackNames(database, pre.stamp).restore },
    async () => {
      const resumed = await resumeRestore(db, database, pre.stamp);
      if (resumed) return resumed;
      const restored = await restoreAtomically(db, {
        backup: backupInfo,
        database,
        stamp: pre.stamp,
        jobs: o.jobs,
        signal: deps.signal,
        onSpawn: (pid) => o.onSpawn?.('restore', pid),
      });
      report.warnings.push(...restored.warnings);
      return { keptAs: restored.keptAs, tables: Object.keys(restored.restoredRows).length };
    },
  );
  r.dbChanged = true;
  report.keptAs = String(done.keptAs);
  deps.log(`restored; the previous database is kept as ${done.keptAs}`);
}

/** 5. Migrations: reverted one by one by the stable image's Job, or a reverse SQL file in one transaction. */
async function migrationsStep(r: Run): Promise<void> {
  const { deps, db, o, pre, app, database, report } = r;
  const { runbook, journal } = deps;
  const table = runbook.meta.migrations.table;
  if (o.revertMigrations) {
    const done = await journal.step(
      'migrations',
      { revert: o.revertMigrations, image: runbook.meta.migrations.revertImageTag },
      async () => {
        const reverted = await revertMigrations(runbook, app, db, deps.kube, {
          database,
          table,
          count: o.revertMigrations!,
          stamp: pre.stamp,
          signal: deps.signal,
          onJob: (e) => deps.log(`job ${e.job}: ${e.state} (${e.expected.name})`),
        });
        return { reverted: names(reverted) };
      },
    );
    r.dbChanged = true;
    report.migrations.reverted = done.reverted as string[];
  } else if (o.sqlFile) {
    const sqlFile = o.sqlFile;
    await journal.step('migrations', { sqlFile: sqlFile.path }, async () => {
      const after = await applyRevertSql(db, database, sqlFile.sql, table, (rows) => {
        report.schemaMatch = enforceSchemaMatch(
          checkSchemaMatch(runbook, { imageTag: pre.imageTag, appliedMigrations: rows }),
          Boolean(o.force),
        );
      }).catch((e: unknown) => {
        // An unconfirmed rollback may have changed the schema: the restart must check it first.
        if ((e as RunbookError).code === SQL_FILE_NOT_ROLLED_BACK) r.dbChanged = true;
        throw e;
      });
      return { after: names(after) };
    });
    r.dbChanged = true;
  }
}

/** 6. Restart with the replica count recorded before (the plan's script hard-coded 3). */
async function restartStep({ deps, app, waitMs, report }: Run, replicas: number): Promise<void> {
  await deps.journal.step('restart', { deployment: app.deployment, replicas }, async () => {
    await deps.kube.scale(app.deployment, replicas);
    await deps.kube.waitForRollout(app.deployment, {
      deadline: Date.now() + waitMs,
      signal: deps.signal,
      onProgress: deps.log,
    });
    return { replicas };
  });
  report.replicas.restored = replicas;
}

/** A crash after the swap committed but before its journal record: the kept database proves it happened. */
async function resumeRestore(
  db: DbAdapter,
  database: string,
  stamp: string,
): Promise<Record<string, unknown> | null> {
  const n = rollbackNames(database, stamp);
  if (await db.exists(n.keep)) return { keptAs: n.keep, resumed: true };
  if (await db.exists(n.restore)) await db.dropDatabase(n.restore);
  return null;
}
