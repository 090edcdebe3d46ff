/** The steps of the blue-green switch, each one journal step: see blue-green.ts for the order and why. */
import { EXIT, formatMs, RunbookError } from '@runbook/core';
import type { Deployment } from '../adapters/kube-types.ts';
import { interrupted, sleep } from '../adapters/time.ts';
import { deadTargets, restoreCommands } from './_dead-target.ts';
import { fetchHealth } from './_endpoints.ts';
import type { appsOf, ProcedureDeps } from './deps.ts';

export type Colour = 'blue' | 'green';
export type Apps = ReturnType<typeof appsOf>;
export type Selectors = Record<string, Record<string, string>>;

const readyCount = (d: Deployment | null) => d?.status?.readyReplicas ?? 0;
const image = (d: Deployment | null) => d?.spec?.template?.spec?.containers?.[0]?.image ?? null;

/** The deployment that serves `to` for an app. */
export const targetOf = (to: Colour) => (a: Apps[number]) =>
  to === 'blue' ? a.blueDeployment : a.deployment;

/** Each app's deployment of both colours, as they are now: `d` serves `to`, `other` the colour traffic leaves. */
export async function readTargets(deps: ProcedureDeps, apps: Apps, to: Colour) {
  const target = targetOf(to);
  return Promise.all(
    apps.map(async (a) => {
      const [d, other] = await Promise.all([
        deps.kube.findDeployment(target(a)),
        deps.kube.findDeployment(to === 'blue' ? a.deployment : a.blueDeployment),
      ]);
      return { app: a, d, other };
    }),
  );
}
export type Targets = Awaited<ReturnType<typeof readTargets>>;

/** Refuses (E_NOT_READY, exit 3) unless every target deployment exists, is fully Ready and carries the colour. */
export function checkTargetReady(deps: ProcedureDeps, to: Colour, found: Targets) {
  const target = targetOf(to);
  const problems = found.flatMap(({ app, d }) => {
    if (!d) return [`deployment ${target(app)} does not exist`];
    const want = d.spec?.replicas ?? 0;
    if (want === 0 || readyCount(d) < want)
      return [`${target(app)} has ${readyCount(d)}/${want} replicas Ready`];
    if (d.spec?.template?.metadata?.labels?.[app.colorLabel] !== to)
      return [`${target(app)} pods are not labelled ${app.colorLabel}=${to}`];
    return [];
  });
  if (problems.length) {
    throw new RunbookError(
      'E_NOT_READY',
      `refusing to switch to ${to}: ${problems.join('; ')}; nothing changed`,
      EXIT.precondition,
      `kubectl get deployments -n ${deps.kube.namespace}`,
    );
  }
  return {
    deployments: found.map(({ app, d }) => ({
      name: d?.metadata?.name ?? target(app),
      ready: readyCount(d),
      image: image(d),
    })),
    // What traffic leaves, for the post-mortem's versions.
    previous: found.map(({ other }) => ({ name: other?.metadata?.name ?? null, image: image(other) })),
  };
}

/** Patches every service at once; if one fails, the others are put back and the first error thrown. */
export async function patchAll(deps: ProcedureDeps, apps: Apps, to: Colour, before: Selectors) {
  const results = await Promise.allSettled(
    apps.map((a) => deps.kube.patchServiceSelector(a.service, { [a.colorLabel]: to })),
  );
  const failed = results.flatMap((r, i) =>
    r.status === 'rejected' ? [{ service: apps[i]!.service, err: r.reason as RunbookError }] : [],
  );
  if (failed.length === 0) return { switched: apps.map((a) => a.service) };
  // A 403 is a refusal before any change: only the other services may have moved and need restoring.
  const refused = new Set(failed.filter((f) => f.err.code === 'E_FORBIDDEN').map((f) => f.service));
  const touched = apps.filter((a) => !refused.has(a.service));
  if (touched.length) {
    await restore(
      deps,
      touched,
      before,
      failed.map((f) => `${f.service}: ${f.err.message}`),
    );
  }
  throw failed[0]!.err;
}

/** Puts every service back on its recorded selector, so traffic is never half switched. */
export async function restore(
  deps: ProcedureDeps,
  apps: Apps,
  before: Selectors,
  why: string[],
  what = 'switch failed',
  outcome = 'traffic unchanged',
): Promise<void> {
  // Interrupted: restoring would wait on the API server the person just gave up on; print the commands instead.
  if (deps.signal?.aborted) {
    const services = apps.map((a) => a.service);
    throw new RunbookError(
      'E_INTERRUPTED',
      `${interrupted(deps.signal).message} during the switch, nothing restored: traffic may be half switched`,
      130,
      restoreCommands(deps, services, before),
    );
  }
  const results = await Promise.allSettled(
    apps.map((a) => {
      const original = before[a.service] ?? {};
      return deps.kube.patchServiceSelector(a.service, {
        ...original,
        [a.colorLabel]: original[a.colorLabel] ?? null,
      });
    }),
  );
  const stuck = results.flatMap((r, i) => (r.status === 'rejected' ? [apps[i]!.service] : []));
  if (stuck.length) {
    throw new RunbookError(
      'E_HALF_SWITCHED',
      `${what} (${why.join('; ')}) AND restoring ${stuck.join(', ')} failed: traffic may be half switched`,
      EXIT.infrastructure,
      restoreCommands(deps, stuck, before),
    );
  }
  deps.log(`✗ ${what} (${why.join('; ')}); every service restored to its previous selector: ${outcome}`);
}

/** Services whose endpoints still hold pods of another colour, or none at all. */
async function endpointsNotOn(deps: ProcedureDeps, apps: Apps, to: Colour): Promise<string[]> {
  const pending = await Promise.all(
    apps.map(async (a) => {
      const [ep, svc] = await Promise.all([
        deps.kube.getEndpoints(a.service),
        deps.kube.getService(a.service),
      ]);
      const selector = Object.entries<string>(svc.spec?.selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const pods = new Set(
        (await deps.kube.listPods(selector))
          .filter((p) => p.metadata?.labels?.[a.colorLabel] === to)
          .map((p) => p.metadata?.name),
      );
      const subsets = ep?.subsets ?? [];
      const ready = subsets.flatMap((s) => s.addresses ?? []);
      const all = [...ready, ...subsets.flatMap((s) => s.notReadyAddresses ?? [])];
      const foreign = all.filter((x) => !pods.has(x.targetRef?.name));
      if (ready.length > 0 && foreign.length === 0) return null;
      return `${a.service}: ${ready.length} ready endpoints, ${foreign.length} not ${to}`;
    }),
  );
  return pending.filter((p): p is string => p !== null);
}

/**
 * Polls until the endpoints hold only `to` pods; a target left with no ready pod fails at once with
 * E_TARGET_DEAD (the caller backs out), the deadline with E_DEADLINE.
 */
export async function waitForEndpoints(deps: ProcedureDeps, apps: Apps, to: Colour, w: Wait) {
  for (;;) {
    const pending = await endpointsNotOn(deps, apps, to);
    if (pending.length === 0) return { endpoints: 'only target pods' };
    const dead = await deadTargets(deps, apps, to);
    if (dead.length) throw new RunbookError('E_TARGET_DEAD', dead.join('; '), EXIT.verification);
    if (Date.now() >= w.deadline) {
      throw new RunbookError(
        'E_DEADLINE',
        `deadline exceeded (${formatMs(w.deadlineMs)}): ${pending.join('; ')}`,
        EXIT.verification,
        `kubectl get endpoints -n ${deps.kube.namespace}`,
      );
    }
    await sleep(w.pollMs, deps.signal);
  }
}

/** Polls every app's health until it answers 2xx, within the same deadline. */
export async function waitForHealth(deps: ProcedureDeps, apps: Apps, w: Wait) {
  const out: Array<{ app: string; status: number; via: string }> = [];
  await Promise.all(
    apps.map(async (a) => {
      for (;;) {
        const h = await fetchHealth(deps, a);
        if (h.ok) return void out.push({ app: a.id, status: h.status, via: h.via });
        if (Date.now() >= w.deadline) {
          throw new RunbookError(
            'E_DEADLINE',
            `deadline exceeded (${formatMs(w.deadlineMs)}): ${a.id} health ${h.via}: ${h.error}`,
            EXIT.verification,
          );
        }
        await sleep(w.pollMs, deps.signal);
      }
    }),
  );
  return { health: out };
}

/** The one deadline after the switch: endpoints and health both count against it. */
export interface Wait {
  deadline: number;
  deadlineMs: number;
  pollMs: number;
}
