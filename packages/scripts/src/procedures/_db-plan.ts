/** The steps of a db-rollback as `--dry-run` prints them, each with the commands a person would type instead. */
import type { App, Runbook } from '@runbook/core';
import type { DbAdapter } from '../adapters/db.ts';
import { shellQuote } from '../adapters/kube-calls.ts';
import { revertJobManual } from './db-migrations.ts';
import { rollbackNames } from './db-restore.ts';

/** One planned step. */
export interface PlannedStep {
  id: string;
  does: string;
  manual: string[];
}

export interface PlanInput {
  runbook: Runbook;
  app: App;
  db: DbAdapter;
  namespace: string;
  database: string;
  stamp: string;
  replicas: number;
  podSelector: string;
  backup: string | null;
  snapshotPath: string;
  revertMigrations?: number;
  sqlFile?: string;
}

export function planSteps(p: PlanInput): PlannedStep[] {
  const q = shellQuote;
  const { host, port, user } = p.db.target;
  const conn = `-h ${q(host)} -p ${port} -U ${q(user)}`;
  const ns = p.namespace;
  const dep = p.app.deployment;
  const names = rollbackNames(p.database, p.stamp);
  const steps: PlannedStep[] = [
    {
      id: 'preflight',
      does: 'check the backup reads, the database answers, the app and schema match; change nothing',
      manual: [
        ...(p.backup ? [`pg_restore --list ${q(p.backup)} > /dev/null`] : []),
        `psql ${conn} -d ${q(p.database)} -c 'SELECT 1'`,
        `kubectl get deployment ${dep} -n ${ns} -o jsonpath='{.spec.replicas}'   # now ${p.replicas}`,
      ],
    },
    {
      id: 'stop-writers',
      does: `record ${p.replicas} replica(s) of ${dep}, scale it to 0, wait until no pod remains`,
      manual: [
        `kubectl scale deployment ${dep} --replicas=0 -n ${ns}`,
        `kubectl wait --for=delete pod -l ${q(p.podSelector)} -n ${ns} --timeout=120s`,
      ],
    },
    {
      id: 'safety-snapshot',
      does: `pg_dump -Fc of ${p.database}, verified; no snapshot, no change`,
      manual: [
        `pg_dump ${conn} -d ${q(p.database)} -Fc -Z 1 -f ${q(p.snapshotPath)}`,
        `pg_restore --list ${q(p.snapshotPath)} > /dev/null && pg_restore -f /dev/null ${q(p.snapshotPath)}`,
      ],
    },
  ];
  if (p.backup) {
    const swap = [
      'BEGIN;',
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname IN ('${p.database}', '${names.restore}') AND pid <> pg_backend_pid();`,
      `ALTER DATABASE "${p.database}" RENAME TO "${names.keep}";`,
      `ALTER DATABASE "${names.restore}" RENAME TO "${p.database}";`,
      'COMMIT;',
    ].join(' ');
    steps.push({
      id: 'restore',
      does: `restore into ${names.restore}, check it, then swap names in one transaction; ${p.database} is kept as ${names.keep}`,
      manual: [
        `createdb ${conn} -T template0 ${q(names.restore)}`,
        `pg_restore ${conn} -d ${q(names.restore)} --no-owner --exit-on-error ${q(p.backup)}`,
        `psql ${conn} -d postgres -c ${q(swap)}`,
      ],
    });
  }
  if (p.revertMigrations) {
    const job = `migration-revert-${p.stamp}-N`;
    steps.push({
      id: 'migrations',
      does: `revert the newest ${p.revertMigrations} migration(s), one Job each with ${p.runbook.meta.migrations.revertImageTag}, checking the ${p.runbook.meta.migrations.table} table after each`,
      manual: [
        revertJobManual(p.runbook, p.app, job, ns),
        `kubectl wait --for=condition=complete job/${job} -n ${ns} --timeout=300s`,
      ],
    });
  } else if (p.sqlFile) {
    steps.push({
      id: 'migrations',
      does: `apply ${p.sqlFile} in one transaction (rolled back if it fails or leaves app and schema mismatched)`,
      manual: [`psql ${conn} -d ${q(p.database)} --single-transaction -v ON_ERROR_STOP=1 -f ${q(p.sqlFile)}`],
    });
  }
  steps.push(
    {
      id: 'restart',
      does: `scale ${dep} back to ${p.replicas} and wait for readiness`,
      manual: [
        `kubectl scale deployment ${dep} --replicas=${p.replicas} -n ${ns}`,
        `kubectl rollout status deployment/${dep} -n ${ns}`,
      ],
    },
    {
      id: 'report',
      does: 'row counts before and after, snapshot path, migrations reverted, duration',
      manual: [],
    },
  );
  return steps;
}
