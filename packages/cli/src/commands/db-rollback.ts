import { readFile } from 'node:fs/promises';
import { formatMs, table, UsageError } from '@runbook/core';
import {
  backupDir,
  createDbAdapter,
  type DbRollbackReport,
  dbRollback,
  prepareRevertSql,
  resolveBackup,
  resolveConnection,
  resolveEnvironment,
} from '@runbook/scripts';
import type { Context } from '../context.ts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { CLUSTER_EXIT_DETAILS, CLUSTER_FLAGS, withRuntime } from '../runtime.ts';
import { durationFlag } from './_common.ts';

function positiveInt(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,3}$/.test(String(value)))
    throw new UsageError(`${flag}: expected a positive integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

function printReport(ctx: Context, r: DbRollbackReport, incident: string): void {
  if (r.dryRun) {
    ctx.out(`dry-run: db-rollback of ${r.target}: nothing will change`);
    if (r.dataLossSince)
      ctx.out(`data-loss window: writes after ${r.dataLossSince} will exist only in the safety snapshot`);
    for (const s of r.steps) {
      ctx.out(`• ${s.id}: ${s.does}`);
      for (const m of s.manual) ctx.out(`    manual: ${m}`);
    }
  } else {
    const before = r.rowCounts.before;
    const after = r.rowCounts.after ?? {};
    const tables = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    ctx.out(
      table(
        tables.map((t) => [t, String(before[t] ?? '—'), String(after[t] ?? '—')]),
        ['table', 'rows before', 'rows after'],
      ),
    );
    if (r.backup)
      ctx.out(
        `restored ${r.database} from ${r.backup.path}${r.keptAs ? `; the previous database is kept as ${r.keptAs}` : ''}`,
      );
    if (r.snapshot) ctx.out(`safety snapshot: ${r.snapshot.path}`);
    if (r.dataLossSince) ctx.out(`writes after ${r.dataLossSince} exist only in that snapshot`);
    ctx.out(
      `migrations reverted: ${r.migrations.reverted.length ? r.migrations.reverted.join(', ') : 'none'}${r.migrations.sqlFile ? ` (${r.migrations.sqlFile})` : ''}`,
    );
    ctx.out(`replicas: ${r.replicas.recorded} → 0 → ${r.replicas.restored ?? 0}`);
    ctx.out(`done in ${formatMs(r.durationMs)} (incident ${incident})`);
  }
}

export default defineCommand({
  name: 'db-rollback',
  description:
    'Database rollback without losing what nobody agreed to lose: stop the API, snapshot the live database, restore into a new one and swap names, revert migrations, restart at the recorded replica count.',
  details: `Modes: --backup FILE|YYYYMMDD-HH|latest (restore, optionally with --revert-migrations N or --sql-file F),
or no --backup with --revert-migrations N or --sql-file F (migrations only).
The SQL file runs in one transaction that nothing in it may end: COMMIT, END, ROLLBACK, SAVEPOINT and the like
are refused (exit 2), except one BEGIN … COMMIT around the whole file.
The database is --database, else DATABASE_URL, else PGHOST/PGPORT/PGUSER/PGDATABASE, else the runbook
environment's. Put the password in PGPASSWORD: it is passed to pg_dump/pg_restore through their
environment only, and never printed or journaled.
Examples:
  runbook db-rollback --backup 20240115-14 --dry-run
  runbook db-rollback --backup latest --revert-migrations 1 --yes
  runbook db-rollback --sql-file revert.sql --database postgres://app@db:5432/shop
${CLUSTER_EXIT_DETAILS}
App/schema mismatch (the image expects a migration the database would lack, or the reverse): exit 3 unless --force.`,
  flags: {
    ...CLUSTER_FLAGS,
    'dry-run': {
      ...CLUSTER_FLAGS['dry-run'],
      hint: 'client',
      // PostgreSQL has no server-side dry run of a restore: only the client plan exists here.
      choices: ['client'],
      description: 'Change nothing: print each step and its manual equivalent',
    },
    backup: {
      type: 'string',
      hint: 'FILE|YYYYMMDD-HH',
      description: 'Dump to restore: a file, a stamp resolved through meta.backups, or latest',
    },
    'backup-dir': { type: 'string', hint: 'DIR', description: 'Backup directory (default meta.backups.dir)' },
    database: {
      type: 'string',
      hint: 'URL',
      description: 'postgres://user@host:5432/db (default DATABASE_URL, then PG*)',
    },
    'revert-migrations': {
      type: 'string',
      hint: 'N',
      description: 'Revert the newest N migrations, one Kubernetes Job each',
    },
    'sql-file': { type: 'string', hint: 'FILE', description: 'Reverse SQL applied in one transaction' },
    'snapshot-dir': {
      type: 'string',
      hint: 'DIR',
      description: 'Where the safety snapshot goes (default the backup directory)',
    },
    jobs: { type: 'string', hint: 'N', description: 'pg_restore --jobs (default 1)' },
    timeout: {
      type: 'string',
      hint: 'DURATION',
      description: 'Time allowed for pods to stop and come back (default 2m)',
    },
    force: { type: 'boolean', description: 'Go on despite an app/schema mismatch' },
  },
  async run(ctx, flags) {
    const revert = positiveInt(flags['revert-migrations'], '--revert-migrations');
    const jobs = positiveInt(flags.jobs, '--jobs');
    const sqlPath = flags['sql-file'];
    const backupFlag = flags.backup;
    if (revert && sqlPath) throw new UsageError('--revert-migrations and --sql-file: choose one');
    if (!backupFlag && !revert && !sqlPath) {
      throw new UsageError(
        'db-rollback: nothing to do: pass --backup FILE|YYYYMMDD-HH, --revert-migrations N or --sql-file FILE',
        "see 'runbook db-rollback --help'",
      );
    }
    const waitMs = durationFlag(flags, 'timeout', 120_000);
    const runbook = ctx.runbook();
    const dir = backupDir(runbook, flags['backup-dir']);
    const backup = backupFlag
      ? await resolveBackup(backupFlag, dir, runbook.meta.backups.pattern)
      : undefined;
    let sqlFile: { path: string; sql: string } | undefined;
    if (sqlPath) {
      const text = await readFile(sqlPath, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(`--sql-file: cannot read "${sqlPath}" (${e.code ?? e.message})`);
      });
      sqlFile = { path: sqlPath, sql: prepareRevertSql(text, sqlPath) };
    }
    // The environment's database is a last resort, and only when --env names it: never production by default.
    const fallback = flags.env ? resolveEnvironment(runbook, flags.env, null).env.database : null;
    const connection = resolveConnection({
      url: flags.database,
      env: ctx.env,
      fallback,
    });
    const db = createDbAdapter(connection);
    const inputs = {
      backup: backup?.path ?? null,
      database: db.describe(),
      revertMigrations: revert ?? null,
      sqlFile: sqlPath ?? null,
      force: Boolean(flags.force),
    };
    return withRuntime(ctx, flags, { command: 'db-rollback', inputs }, async (rt) => {
      rt.deps.log(`database: ${db.describe()} (from ${connection.source})`);
      const report = await dbRollback(rt.deps, db, {
        backup: backup?.path,
        revertMigrations: revert,
        sqlFile,
        snapshotDir: flags['snapshot-dir'] ?? dir,
        force: Boolean(flags.force),
        jobs,
        waitMs,
      });
      for (const w of report.warnings) rt.deps.log(`warning: ${w}`);
      if (rt.json) printData(ctx.out, flags, { incident: rt.journal.id, ...report });
      else printReport(ctx, report, rt.journal.id);
      return 0;
    });
  },
});
