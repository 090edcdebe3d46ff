/**
 * After a blue-green switch, the target colour may have no ready pod left (it passed the readiness check a
 * moment before): detecting it, and backing out to the recorded selectors, read back to be sure.
 */
import { type App, EXIT, RunbookError } from '@runbook/core';
import type { ProcedureDeps } from './deps.ts';

/**
 * Services whose endpoints already follow the new selector (no pod of another colour left) yet hold no
 * ready address: every request to them fails, and waiting for the deadline only prolongs the outage.
 */
export async function deadTargets(
  deps: Pick<ProcedureDeps, 'kube'>,
  apps: App[],
  to: string,
): Promise<string[]> {
  const found = await Promise.all(
    apps.map(async (a) => {
      const ep = await deps.kube.getEndpoints(a.service);
      const subsets = ep?.subsets ?? [];
      const ready = subsets.flatMap((s) => s.addresses ?? []);
      const notReady = subsets.flatMap((s) => s.notReadyAddresses ?? []);
      if (ready.length > 0) return null;
      const pods = new Set((await deps.kube.listPods(`${a.colorLabel}=${to}`)).map((p) => p.metadata?.name));
      // Addresses of the previous colour mean the endpoints have not caught up with the switch yet.
      if (notReady.some((x) => !pods.has(x.targetRef?.name))) return null;
      return `${a.service}: no ready endpoint on ${to} (${notReady.length} not ready)`;
    }),
  );
  return found.filter((d): d is string => d !== null);
}

const sameSelector = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Services whose selector, read back from the API server, is not the recorded one. */
export async function selectorsNotBack(
  deps: Pick<ProcedureDeps, 'kube'>,
  apps: App[],
  before: Record<string, Record<string, string>>,
): Promise<string[]> {
  const wrong = await Promise.all(
    apps.map(async (a) => {
      const now: Record<string, string> = (await deps.kube.getService(a.service)).spec?.selector ?? {};
      return sameSelector(now, before[a.service] ?? {}) ? null : `${a.service} is on ${JSON.stringify(now)}`;
    }),
  );
  return wrong.filter((w): w is string => w !== null);
}

/** The kubectl commands that put each service back on its recorded selector. */
export function restoreCommands(
  deps: Pick<ProcedureDeps, 'kube'>,
  services: string[],
  before: Record<string, Record<string, string>>,
): string {
  return services
    .map(
      (s) =>
        `kubectl patch service ${s} -n ${deps.kube.namespace} --type merge -p '${JSON.stringify({ spec: { selector: before[s] } })}'`,
    )
    .join(' && ');
}

/**
 * Restores the recorded selectors (`restoreAll` throws E_HALF_SWITCHED with the commands when a patch
 * fails), reads them back, journals `restore-selectors`, then fails with E_TARGET_DEAD (exit 4).
 */
export async function backOut(
  deps: Pick<ProcedureDeps, 'kube' | 'journal'>,
  apps: App[],
  before: Record<string, Record<string, string>>,
  dead: RunbookError,
  to: string,
  restoreAll: (why: string[], outcome: string) => Promise<void>,
): Promise<never> {
  const previous = [...new Set(apps.map((a) => before[a.service]?.[a.colorLabel] ?? '?'))].join('/');
  await deps.journal.step('restore-selectors', { reason: dead.message }, async () => {
    await restoreAll([dead.message], `back on ${previous}`);
    const wrong = await selectorsNotBack(deps, apps, before);
    if (wrong.length) {
      throw new RunbookError(
        'E_HALF_SWITCHED',
        `target dead after the switch (${dead.message}), and after restoring ${wrong.join('; ')}`,
        EXIT.infrastructure,
        restoreCommands(
          deps,
          apps.map((a) => a.service),
          before,
        ),
      );
    }
    return { restored: before };
  });
  throw new RunbookError(
    'E_TARGET_DEAD',
    `${dead.message}: selectors restored to ${previous} and read back; traffic is on ${previous} again`,
    EXIT.verification,
    `see why ${to} is not ready: kubectl get pods -n ${deps.kube.namespace} -l ${apps[0]?.colorLabel ?? 'version'}=${to}`,
  );
}
