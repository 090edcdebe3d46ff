/** TypeORM's migrations table: list it, predict it from a dump, or revert through a Job (reverse SQL: sql-file.ts). */
import type { V1Job } from '@kubernetes/client-node';
import { type App, EXIT, type Runbook, RunbookError } from '@runbook/core';
import type { DbAdapter, MigrationRow } from '../adapters/db.ts';
import type { KubeAdapter } from '../adapters/kube.ts';
import type { Deployment } from '../adapters/kube-types.ts';
import { sleep } from '../adapters/time.ts';

/** The migrations a dump holds, newest first, read without restoring it. */
export async function migrationsInDump(db: DbAdapter, file: string, table: string): Promise<MigrationRow[]> {
  const rows = await db.dumpTableRows(file, table);
  return rows
    .map((r) => ({ id: Number(r.id), timestamp: Number(r.timestamp), name: String(r.name ?? '') }))
    .sort((a, b) => b.timestamp - a.timestamp || b.id - a.id);
}

/**
 * The Job that runs the revert command with the stable image. It takes the API container's env and envFrom,
 * so it reaches the database exactly as the app does and no password passes through us.
 * backoffLimit 0: TypeORM reverts the newest migration on each run, so a retry would revert one more.
 */
export function revertJob(runbook: Runbook, app: App, deployment: Deployment, name: string): V1Job {
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  const source = containers.find((c) => c.name === app.container) ?? containers[0];
  const { revertCommand, revertImageTag } = runbook.meta.migrations;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: { app: app.deployment, 'runbook/purpose': 'migration-revert' } },
    spec: {
      backoffLimit: 0,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels: { app: `${app.deployment}-migration`, 'runbook/purpose': 'migration-revert' } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'migration-revert',
              image: `${app.image}:${revertImageTag}`,
              command: revertCommand,
              ...(source?.env ? { env: source.env } : {}),
              ...(source?.envFrom ? { envFrom: source.envFrom } : {}),
            },
          ],
        },
      },
    },
  };
}

/** `kubectl create job …` for the printed manual equivalent. */
export function revertJobManual(runbook: Runbook, app: App, name: string, namespace: string): string {
  const { revertCommand, revertImageTag } = runbook.meta.migrations;
  return `kubectl create job ${name} --image=${app.image}:${revertImageTag} -n ${namespace} -- ${revertCommand.join(' ')}`;
}

export interface RevertOptions {
  database: string;
  table: string;
  count: number;
  /** Names the Jobs; one per reverted migration. */
  stamp: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  onJob?: (event: { job: string; expected: MigrationRow; state: 'started' | 'complete' }) => void;
}

/**
 * Reverts the newest `count` migrations one Job at a time, and after each checks that exactly the expected
 * row left the migrations table: a Job that "succeeds" without reverting is a failure.
 */
export async function revertMigrations(
  runbook: Runbook,
  app: App,
  db: DbAdapter,
  kube: KubeAdapter,
  o: RevertOptions,
): Promise<MigrationRow[]> {
  const before = await db.listMigrations(o.database, o.table);
  if (o.count > before.length) {
    throw new RunbookError(
      'E_MIGRATIONS',
      `--revert-migrations ${o.count}: the database has only ${before.length} migration(s)`,
      EXIT.precondition,
    );
  }
  const deployment = await kube.getDeployment(app.deployment);
  const reverted: MigrationRow[] = [];
  for (let i = 0; i < o.count; i++) {
    const expected = before[i]!;
    const name = `migration-revert-${o.stamp}-${i + 1}`;
    await kube.createJob(revertJob(runbook, app, deployment, name));
    o.onJob?.({ job: name, expected, state: 'started' });
    await waitForJob(kube, name, o.timeoutMs ?? 300_000, o.signal);
    const now = await db.listMigrations(o.database, o.table);
    const expectedLeft = before.slice(i + 1);
    if (now.length !== expectedLeft.length || now.some((m, j) => m.name !== expectedLeft[j]!.name)) {
      throw new RunbookError(
        'E_MIGRATION_REVERT',
        `job ${name} completed but the migrations table does not show ${expected.name} reverted (latest is now ${now[0]?.name ?? 'none'})`,
        EXIT.verification,
        `kubectl logs job/${name} -n ${kube.namespace}`,
      );
    }
    reverted.push(expected);
    o.onJob?.({ job: name, expected, state: 'complete' });
  }
  return reverted;
}

async function waitForJob(
  kube: KubeAdapter,
  name: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await kube.getJob(name);
    const conditions = job?.status?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return;
    if (conditions.some((c) => c.type === 'Failed' && c.status === 'True')) {
      const pods = await kube.listPods(`job-name=${name}`).catch(() => []);
      const pod = pods[0]?.metadata?.name;
      const log = pod ? await kube.podLogs(pod, { tailLines: 5 }).catch(() => '') : '';
      const tail = log.trim().split('\n').filter(Boolean).pop();
      throw new RunbookError(
        'E_MIGRATION_REVERT',
        `job ${name} failed${tail ? `: ${tail}` : ''}`,
        EXIT.verification,
        `kubectl logs job/${name} -n ${kube.namespace}`,
      );
    }
    if (Date.now() > deadline) {
      throw new RunbookError(
        'E_DEADLINE',
        `job ${name} did not finish within ${timeoutMs / 1000} s`,
        EXIT.verification,
        `kubectl describe job/${name} -n ${kube.namespace}`,
      );
    }
    await sleep(250, signal);
  }
}
