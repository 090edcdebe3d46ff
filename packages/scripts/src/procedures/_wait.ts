/** Waiting for rollouts of several deployments at once, each a journal step, progress shown as kubectl does. */
import type { App } from '@runbook/core';
import type { ProcedureDeps } from './deps.ts';

/** Waits for every app's green deployment to be rolled out, concurrently, by one deadline. */
export async function waitForRollouts(deps: ProcedureDeps, apps: App[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    apps.map((a) =>
      deps.journal.step(`wait-${a.id}`, { deployment: a.deployment, timeoutMs }, async () => {
        const t0 = performance.now();
        const status = await deps.kube.waitForRollout(a.deployment, {
          deadline,
          signal: deps.signal,
          onProgress: (m) => deps.log(`  ${m}`),
        });
        return { message: status.message, waitedMs: Math.round(performance.now() - t0) };
      }),
    ),
  );
}
