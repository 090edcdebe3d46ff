/**
 * Option 1, blue-green: switch both Services to the other colour, or neither. Refuses unless every target
 * deployment is fully Ready; restores the selectors if one patch fails; waits (polling, not sleeping) until
 * the endpoints hold only target pods and health answers.
 */
import { EXIT, formatMs, parseDuration, RunbookError } from '@runbook/core';
import { patchServiceSelectorCall } from '../adapters/kube-calls.ts';
import type { Deployment } from '../adapters/kube-types.ts';
import { interrupted, sleep } from '../adapters/time.ts';
import { detectGitOps, gitOpsWarning } from '../gitops.ts';
import { backOut, deadTargets, restoreCommands } from './_dead-target.ts';
import { fetchHealth } from './_endpoints.ts';
import { withRollbackLock } from './_locked.ts';
import { healthCall, planStep, planWrite, readCall } from './_plan.ts';
import { appsOf, type ProcedureDeps } from './deps.ts';

export type Colour = 'blue' | 'green';

export interface BlueGreenOptions {
  /** Colour to send traffic to; default blue. */
  to?: Colour;
  /** Time from the switch until endpoints and health must be verified; default the plan's target (30 s). */
  deadlineMs?: number;
  pollMs?: number;
  /** The caller (emergency) already holds the namespace lock. */
  lockHeld?: boolean;
}

export interface BlueGreenResult {
  to: Colour;
  dryRun: boolean;
  elapsedMs: number;
  services: Array<{ service: string; before: Record<string, string>; after: Record<string, string> }>;
  health: Array<{ app: string; status: number; via: string }>;
}

const readyCount = (d: Deployment | null) => d?.status?.readyReplicas ?? 0;

/** Switches traffic to `to` for every app of the runbook; see the module comment. */
export async function blueGreenRollback(
  deps: ProcedureDeps,
  options: BlueGreenOptions = {},
): Promise<BlueGreenResult> {
  const started = performance.now();
  const to = options.to ?? 'blue';
  const { kube, journal } = deps;
  const ns = kube.namespace;
  const apps = appsOf(deps.runbook);
  const target = (a: (typeof apps)[number]) => (to === 'blue' ? a.blueDeployment : a.deployment);
  const procedure = deps.runbook.procedures.find((p) => p.id === 'blue-green');
  const deadlineMs = options.deadlineMs ?? (procedure ? parseDuration(procedure.targetDuration.max) : 30_000);
  const pollMs = options.pollMs ?? 50;

  return withRollbackLock(deps, options.lockHeld, async () => {
    const ready = await journal.check('check-target-ready', { to }, async () => {
      const found = await Promise.all(
        apps.map(async (a) => {
          const [d, other] = await Promise.all([
            kube.findDeployment(target(a)),
            kube.findDeployment(to === 'blue' ? a.deployment : a.blueDeployment),
          ]);
          return { app: a, d, other };
        }),
      );
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
          `kubectl get deployments -n ${ns}`,
        );
      }
      const image = (d: Deployment | null) => d?.spec?.template?.spec?.containers?.[0]?.image ?? null;
      return {
        deployments: found.map(({ app, d }) => ({
          name: d?.metadata?.name ?? target(app),
          ready: readyCount(d),
          image: image(d),
        })),
        // What traffic leaves, for the post-mortem's versions.
        previous: found.map(({ other }) => ({ name: other?.metadata?.name ?? null, image: image(other) })),
      };
    });
    for (const d of ready.deployments as Array<{ name: string; ready: number }>)
      deps.log(`✓ ${d.name}: ${d.ready} replicas Ready`);

    const services = await Promise.all(apps.map((a) => kube.getService(a.service)));
    const managed = await Promise.all(apps.map((a) => kube.findDeployment(a.deployment)));
    for (const line of gitOpsWarning(detectGitOps([...managed.filter((d) => d !== null), ...services])))
      deps.log(line);

    const readSelectors = async () => ({
      selectors: Object.fromEntries(
        services.map((s, i) => [s.metadata?.name ?? apps[i]!.service, s.spec?.selector ?? {}]),
      ),
    });
    // What to restore: read now, unless a switch has begun, since when only the journal still knows it.
    const switchBegun = journal.completed('switch-traffic') || journal.unfinished('switch-traffic');
    const recorded = switchBegun
      ? await journal.step('record-selectors', {}, readSelectors)
      : await journal.check('record-selectors', {}, readSelectors);
    const before = recorded.selectors as Record<string, Record<string, string>>;
    const patches = apps.map((a) => {
      const selector = { [a.colorLabel]: to };
      return { app: a, selector, call: patchServiceSelectorCall(ns, a.service, selector) };
    });

    if (deps.dryRun) {
      deps.out(
        `dry-run: rollback blue-green --to ${to} in namespace ${ns} (context ${kube.context ?? '?'}): nothing will change`,
      );
      planStep(
        deps,
        'check-target-ready',
        `${apps.map(target).join(', ')} all Ready (checked: yes)`,
        apps.map((a) =>
          readCall(
            `/apis/apps/v1/namespaces/${ns}/deployments/${target(a)}`,
            `kubectl rollout status deployment/${target(a)} -n ${ns} --timeout=10s`,
          ),
        ),
      );
      planStep(
        deps,
        'record-selectors',
        JSON.stringify(before),
        apps.map((a) =>
          readCall(
            `/api/v1/namespaces/${ns}/services/${a.service}`,
            `kubectl get service ${a.service} -n ${ns} -o jsonpath='{.spec.selector}'`,
          ),
        ),
      );
      await planWrite(
        deps,
        'switch-traffic',
        patches.length === 1
          ? `service ${patches[0]!.app.service} patched`
          : `${patches.length} services patched concurrently; if one fails the others are restored`,
        patches.map((p) => p.call),
      );
      planStep(
        deps,
        'wait-endpoints',
        `poll until endpoints hold only ${to} pods (deadline ${formatMs(deadlineMs)})`,
        apps.map((a) =>
          readCall(
            `/api/v1/namespaces/${ns}/endpoints/${a.service}`,
            `kubectl get endpoints ${a.service} -n ${ns}`,
          ),
        ),
      );
      planStep(
        deps,
        'check-health',
        'poll until health answers 2xx',
        apps.map((a) => healthCall(ns, a.service, a.healthPath, deps.env.healthUrls?.[a.id])),
      );
      return { to, dryRun: true, elapsedMs: performance.now() - started, services: [], health: [] };
    }

    // A switch journaled done counts only while the services, read above, still select `to`.
    const done = journal.completed('switch-traffic');
    const elsewhere = services.flatMap((s, i) => {
      const v = s.spec?.selector?.[apps[i]!.colorLabel];
      return v === to
        ? []
        : [`${s.metadata?.name ?? apps[i]!.service} selects ${apps[i]!.colorLabel}=${v ?? '(none)'}`];
    });
    const inPlace = Boolean(done) && elsewhere.length === 0;
    const stillSwitched = () => inPlace;
    if (done && !inPlace)
      deps.log(`! switch-traffic was done at ${done.time} but ${elsewhere.join(', ')}: switching again`);
    if (!inPlace) {
      await deps.confirm(`switch ${apps.map((a) => a.service).join(' and ')} to ${to} in ${ns}`);
    }
    const switchStart = performance.now();
    const deadline = Date.now() + deadlineMs;
    await journal.effect('switch-traffic', { to, selectors: before }, stillSwitched, async () => {
      const results = await Promise.allSettled(
        patches.map((p) => kube.patchServiceSelector(p.app.service, p.selector)),
      );
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [{ service: apps[i]!.service, err: r.reason as RunbookError }] : [],
      );
      if (failed.length === 0) return { switched: apps.map((a) => a.service) };
      await restore(
        deps,
        apps,
        before,
        failed.map((f) => `${f.service}: ${f.err.message}`),
      );
      throw failed[0]!.err;
    });
    if (inPlace) deps.log(`✓ selectors still on ${to} (switched at ${done?.time})`);
    else deps.log(`✓ selectors patched to ${to} in ${formatMs(performance.now() - switchStart)}`);

    const waited = journal.check('wait-endpoints', { to, deadlineMs }, async () => {
      for (;;) {
        const pending = await endpointsNotOn(deps, apps, to);
        if (pending.length === 0) return { endpoints: 'only target pods' };
        const dead = await deadTargets(deps, apps, to);
        if (dead.length) throw new RunbookError('E_TARGET_DEAD', dead.join('; '), EXIT.verification);
        if (Date.now() >= deadline) {
          throw new RunbookError(
            'E_DEADLINE',
            `deadline exceeded (${formatMs(deadlineMs)}): ${pending.join('; ')}`,
            EXIT.verification,
            `kubectl get endpoints -n ${ns}`,
          );
        }
        await sleep(pollMs, deps.signal);
      }
    });
    // Traffic on a colour with no ready pod is an outage: back out now rather than at the deadline.
    await waited.catch((err: RunbookError) => {
      if (err.code !== 'E_TARGET_DEAD') throw err;
      return backOut(deps, apps, before, err, to, (why, outcome) =>
        restore(deps, apps, before, why, 'target dead after the switch', outcome),
      );
    });
    deps.log(`✓ endpoints hold only ${to} pods`);

    const health = await journal.check('check-health', {}, async () => {
      const out: Array<{ app: string; status: number; via: string }> = [];
      await Promise.all(
        apps.map(async (a) => {
          for (;;) {
            const h = await fetchHealth(deps, a);
            if (h.ok) return void out.push({ app: a.id, status: h.status, via: h.via });
            if (Date.now() >= deadline) {
              throw new RunbookError(
                'E_DEADLINE',
                `deadline exceeded (${formatMs(deadlineMs)}): ${a.id} health ${h.via}: ${h.error}`,
                EXIT.verification,
              );
            }
            await sleep(pollMs, deps.signal);
          }
        }),
      );
      return { health: out };
    });
    const elapsedMs = performance.now() - started;
    deps.log(`✓ traffic on ${to}, verified in ${formatMs(elapsedMs)}`);
    return {
      to,
      dryRun: false,
      elapsedMs,
      services: apps.map((a) => ({
        service: a.service,
        before: before[a.service] ?? {},
        after: { ...before[a.service], [a.colorLabel]: to },
      })),
      health: health.health as BlueGreenResult['health'],
    };
  });
}

/** Puts every service back on its recorded selector, so traffic is never half switched. */
async function restore(
  deps: ProcedureDeps,
  apps: ReturnType<typeof appsOf>,
  before: Record<string, Record<string, string>>,
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
async function endpointsNotOn(
  deps: ProcedureDeps,
  apps: ReturnType<typeof appsOf>,
  to: Colour,
): Promise<string[]> {
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
