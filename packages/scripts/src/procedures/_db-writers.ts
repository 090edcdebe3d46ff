/** Stopping and restarting the API around a database change. */
import { checkSchemaMatch, EXIT, RunbookError } from '@runbook/core';
import type { DbAdapter } from '../adapters/db.ts';
import { CLEANUP_DEADLINE_MS, type KubeAdapter } from '../adapters/kube.ts';
import { sleep } from '../adapters/time.ts';
import { apiApp } from '../schema-match.ts';
import type { ProcedureDeps } from './deps.ts';

/** Polls until no pod matches `selector`: scaled to 0 is not enough, terminating pods still write. */
export async function waitNoPods(
  kube: KubeAdapter,
  selector: string,
  deadline: number,
  signal?: AbortSignal,
): Promise<void> {
  for (;;) {
    const pods = await kube.listPods(selector);
    if (pods.length === 0) return;
    if (Date.now() > deadline) {
      throw new RunbookError(
        'E_DEADLINE',
        `${pods.length} pod(s) matching ${selector} still exist; writers not stopped`,
        EXIT.verification,
        `kubectl get pods -l ${selector} -n ${kube.namespace}`,
      );
    }
    await sleep(200, signal);
  }
}

/**
 * After a failure the API comes back only if it can run on the database as it now is: unchanged, or
 * changed but still matching the image. Otherwise it stays at 0 and the journal says why.
 */
export async function restartAfterFailure(
  { runbook, kube, journal, signal }: ProcedureDeps,
  db: DbAdapter,
  s: {
    database: string;
    imageTag: string;
    replicas: number;
    dbChanged: boolean;
    force: boolean;
    log: (l: string) => void;
  },
): Promise<void> {
  const app = apiApp(runbook);
  await journal
    .step('restart-after-failure', { replicas: s.replicas, dbChanged: s.dbChanged }, async () => {
      if (s.dbChanged) {
        const applied = await db.listMigrations(s.database, runbook.meta.migrations.table);
        const match = checkSchemaMatch(runbook, { imageTag: s.imageTag, appliedMigrations: applied });
        if (!match.ok && !s.force) {
          s.log(`${app.deployment} left at 0 replicas: ${match.problem}`);
          return { restarted: false, reason: match.problem };
        }
      }
      // After Ctrl-C the run's requests are aborted; bringing the API back must still reach the cluster.
      const k = signal?.aborted ? kube.forCleanup(CLEANUP_DEADLINE_MS) : kube;
      await k.scale(app.deployment, s.replicas);
      s.log(
        `${app.deployment} scaled back to ${s.replicas} (the database ${s.dbChanged ? 'matches the image' : 'is unchanged'})`,
      );
      return { restarted: true };
    })
    .catch((e: Error) => s.log(`could not scale ${app.deployment} back: ${e.message}`));
}
