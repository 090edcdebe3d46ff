/**
 * Option 1, blue-green: switch both Services to the other colour, or neither. Refuses unless every target
 * deployment is fully Ready; restores the selectors if one patch fails; waits (polling, not sleeping) until
 * the endpoints hold only target pods and health answers.
 */
import { formatMs, parseDuration, type RunbookError } from '@runbook/core';
import type { Deployment } from '../adapters/kube-types.ts';
import { detectGitOps, gitOpsWarning } from '../gitops.ts';
import { planBlueGreen } from './_blue-green-plan.ts';
import {
  type Apps,
  type Colour,
  checkTargetReady,
  patchAll,
  readTargets,
  restore,
  type Selectors,
  type Targets,
  type Wait,
  waitForEndpoints,
  waitForHealth,
} from './_blue-green-steps.ts';
import { backOut } from './_dead-target.ts';
import { withRollbackLock } from './_locked.ts';
import { appsOf, type ProcedureDeps } from './deps.ts';

export type { Colour } from './_blue-green-steps.ts';

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

/** Switches traffic to `to` for every app of the runbook; see the module comment. */
export async function blueGreenRollback(
  deps: ProcedureDeps,
  options: BlueGreenOptions = {},
): Promise<BlueGreenResult> {
  const started = performance.now();
  const to = options.to ?? 'blue';
  const apps = appsOf(deps.runbook);
  const procedure = deps.runbook.procedures.find((p) => p.id === 'blue-green');
  const deadlineMs = options.deadlineMs ?? (procedure ? parseDuration(procedure.targetDuration.max) : 30_000);
  const pollMs = options.pollMs ?? 50;

  return withRollbackLock(deps, options.lockHeld, async () => {
    let targets: Targets = [];
    const ready = await deps.journal.check('check-target-ready', { to }, async () => {
      targets = await readTargets(deps, apps, to);
      return checkTargetReady(deps, to, targets);
    });
    for (const d of ready.deployments) deps.log(`✓ ${d.name}: ${d.ready} replicas Ready`);
    // The apps' main deployments, just read with both colours, are what a GitOps controller would manage.
    const managed = targets.map((t) => (to === 'blue' ? t.other : t.d));
    const { services, before } = await recordSelectors(deps, apps, managed);
    if (deps.dryRun) {
      await planBlueGreen(deps, apps, to, before, deadlineMs);
      return { to, dryRun: true, elapsedMs: performance.now() - started, services: [], health: [] };
    }
    const wait = await switchTraffic(deps, apps, to, before, services, { deadlineMs, pollMs });
    const waited = deps.journal.check('wait-endpoints', { to, deadlineMs }, () =>
      waitForEndpoints(deps, apps, to, wait),
    );
    // Traffic on a colour with no ready pod is an outage: back out now rather than at the deadline.
    await waited.catch((err: RunbookError) => {
      if (err.code !== 'E_TARGET_DEAD') throw err;
      return backOut(deps, apps, before, err, to, (why, outcome) =>
        restore(deps, apps, before, why, 'target dead after the switch', outcome),
      );
    });
    deps.log(`✓ endpoints hold only ${to} pods`);
    const health = await deps.journal.check('check-health', {}, () => waitForHealth(deps, apps, wait));
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
      health: health.health,
    };
  });
}

/**
 * The services as they are, and the selectors to restore: read now, unless a switch has begun, since when
 * only the journal still knows them. Warns when a GitOps controller would put them back.
 */
async function recordSelectors(deps: ProcedureDeps, apps: Apps, managed: Array<Deployment | null>) {
  const { kube, journal } = deps;
  const services = await Promise.all(apps.map((a) => kube.getService(a.service)));
  for (const line of gitOpsWarning(detectGitOps([...managed.filter((d) => d !== null), ...services])))
    deps.log(line);
  const read = async () => ({
    selectors: Object.fromEntries(
      services.map((s, i) => [s.metadata?.name ?? apps[i]!.service, s.spec?.selector ?? {}]),
    ),
  });
  const switchBegun = journal.completed('switch-traffic') || journal.unfinished('switch-traffic');
  const recorded = switchBegun
    ? await journal.step('record-selectors', {}, read)
    : await journal.check('record-selectors', {}, read);
  return { services, before: recorded.selectors as Selectors };
}

/**
 * Patches the selectors, asking first, unless a switch journaled done is still in place on the services
 * read above (a resume). Returns the deadline that endpoints and health count against.
 */
async function switchTraffic(
  deps: ProcedureDeps,
  apps: Apps,
  to: Colour,
  before: Selectors,
  services: Awaited<ReturnType<ProcedureDeps['kube']['getService']>>[],
  timing: { deadlineMs: number; pollMs: number },
): Promise<Wait> {
  const { journal } = deps;
  const ns = deps.kube.namespace;
  const done = journal.completed('switch-traffic');
  const elsewhere = services.flatMap((s, i) => {
    const v = s.spec?.selector?.[apps[i]!.colorLabel];
    return v === to
      ? []
      : [`${s.metadata?.name ?? apps[i]!.service} selects ${apps[i]!.colorLabel}=${v ?? '(none)'}`];
  });
  const inPlace = Boolean(done) && elsewhere.length === 0;
  if (done && !inPlace)
    deps.log(`! switch-traffic was done at ${done.time} but ${elsewhere.join(', ')}: switching again`);
  if (!inPlace) await deps.confirm(`switch ${apps.map((a) => a.service).join(' and ')} to ${to} in ${ns}`);
  const switchStart = performance.now();
  const wait = { ...timing, deadline: Date.now() + timing.deadlineMs };
  await journal.effect(
    'switch-traffic',
    { to, selectors: before },
    () => inPlace,
    () => patchAll(deps, apps, to, before),
  );
  if (inPlace) deps.log(`✓ selectors still on ${to} (switched at ${done?.time})`);
  else deps.log(`✓ selectors patched to ${to} in ${formatMs(performance.now() - switchStart)}`);
  return wait;
}
