/** db-rollback's report: what `--json` prints, first filled from what the preflight found. */
import type { SchemaMatch } from '@runbook/core';
import type { DbAdapter } from '../adapters/db.ts';
import type { apiApp } from '../schema-match.ts';
import { type PlannedStep, planSteps } from './_db-plan.ts';
import type { PreflightOptions, preflight } from './_db-preflight.ts';
import type { ProcedureDeps } from './deps.ts';

/** What `--json` prints. */
export interface DbRollbackReport {
  dryRun: boolean;
  database: string;
  target: string;
  backup: { path: string; createdAt: string | null } | null;
  /** Writes after this moment exist only in the safety snapshot. */
  dataLossSince: string | null;
  snapshot: { path: string; bytes: number } | null;
  keptAs: string | null;
  replicas: { recorded: number; restored: number | null };
  migrations: { before: string[]; reverted: string[]; after: string[]; sqlFile: string | null };
  schemaMatch: SchemaMatch | null;
  rowCounts: { before: Record<string, number>; after: Record<string, number> | null };
  durationMs: number;
  warnings: string[];
  steps: PlannedStep[];
}

/** What the preflight found, and where: all the first report is made of. */
export interface Found {
  deps: ProcedureDeps;
  db: DbAdapter;
  o: PreflightOptions;
  pre: Awaited<ReturnType<typeof preflight>>;
  app: ReturnType<typeof apiApp>;
  database: string;
}

/** What the preflight found, as the report (and the dry run's plan) says it, with its warnings. */
export function initialReport({ deps, db, o, pre, app, database }: Found): DbRollbackReport {
  const warnings: string[] = [];
  const snapshotPath = `${o.snapshotDir}/${database}_safety_${pre.stamp}.dump`;
  if (pre.dump)
    deps.log(
      `writes after ${pre.dump.createdAt ?? 'the backup time'} will exist only in the safety snapshot (${snapshotPath})`,
    );
  if (pre.match && !pre.match.ok) warnings.push(`forced through a schema mismatch: ${pre.match.problem}`);
  for (const name of pre.leftovers)
    warnings.push(`a previous run left database "${name}"; DROP DATABASE "${name}" once it is not needed`);
  if (pre.freeBytes !== null && pre.freeBytes < pre.sizeBytes) {
    warnings.push(
      `${o.snapshotDir} has ${pre.freeBytes} bytes free for a ${pre.sizeBytes}-byte database; the snapshot may not fit`,
    );
  }
  const steps = planSteps({
    runbook: deps.runbook,
    app,
    db,
    namespace: deps.kube.namespace,
    database,
    stamp: pre.stamp,
    replicas: pre.replicas,
    podSelector: pre.podSelector,
    backup: o.backup ?? null,
    snapshotPath,
    revertMigrations: o.revertMigrations,
    sqlFile: o.sqlFile?.path,
  });
  return {
    dryRun: deps.dryRun,
    database,
    target: db.describe(),
    backup: pre.dump ? { path: pre.dump.path, createdAt: pre.dump.createdAt } : null,
    dataLossSince: pre.dump?.createdAt ?? null,
    snapshot: null,
    keptAs: null,
    replicas: { recorded: pre.replicas, restored: null },
    migrations: { before: pre.before, reverted: [], after: pre.before, sqlFile: o.sqlFile?.path ?? null },
    schemaMatch: pre.match,
    rowCounts: { before: pre.rowCounts, after: null },
    durationMs: 0,
    warnings,
    steps,
  };
}
