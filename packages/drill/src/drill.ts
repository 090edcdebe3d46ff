import { EXIT, type Runbook, RunbookError } from '@runbook/core';
import type { Journal, KubeAdapter, ProcedureDeps } from '@runbook/scripts';
import {
  type DecideReport,
  decide,
  emergency,
  nativeRollback,
  sleep,
  verify,
  versionRollback,
} from '@runbook/scripts';
import { BAD_TAG, SCENARIO_SPECS, type Scenario } from './scenarios.ts';
import { accumulatingSource } from './source.ts';

/** What the drill can do to the cluster it rehearses on; only the simulated cluster offers it. */
export interface FaultControl {
  setFault(version: string, fault: { errorRate?: number } | null): void;
}

export interface DrillStepsOptions {
  scenario: Scenario;
  /** The drill copy of the runbook (shortened windows). */
  runbook: Runbook;
  deps: ProcedureDeps;
  journal: Journal;
  kube: KubeAdapter;
  faults: FaultControl | null;
  errorRate: number;
  /** How long decide may take to trip before the drill gives up. */
  decideTimeoutMs: number;
  /** Pause between two evaluations. */
  decideIntervalMs: number;
  /** Progress for people. */
  log: (line: string) => void;
}

export interface DrillOutcome {
  exitCode: number;
  decision: DecideReport | null;
  /** The main procedure's own duration, compared with the plan's target. */
  procedureMs: number | null;
  error?: string;
}

/** Window of the post-rollback verification's metrics. */
const VERIFY_WINDOW_MS = 3000;

/** Breaks the release as the scenario says: errors in green, or a bad image rolled out in place. */
async function breakRelease(o: DrillStepsOptions): Promise<Record<string, unknown>> {
  const spec = SCENARIO_SPECS[o.scenario];
  if (spec.breaks === 'none') return { broke: 'nothing' };
  if (!o.faults) return { broke: 'nothing', note: 'real cluster: no fault is injected' };
  if (spec.breaks === 'green-errors') {
    o.faults.setFault('green', { errorRate: o.errorRate });
    return { fault: `green:error-rate=${o.errorRate}` };
  }
  o.faults.setFault(BAD_TAG, { errorRate: o.errorRate });
  for (const app of o.runbook.meta.apps) {
    await o.kube.setImage(app.deployment, app.container, `${app.image}:${BAD_TAG}`);
  }
  for (const app of o.runbook.meta.apps) {
    await o.kube.waitForRollout(app.deployment, { deadline: Date.now() + 60_000, signal: o.deps.signal });
  }
  return { fault: `${BAD_TAG}:error-rate=${o.errorRate}`, image: BAD_TAG };
}

/** Evaluates the criteria until one trips, as a person watching `decide` would. */
async function decideUntilTrip(o: DrillStepsOptions): Promise<DecideReport> {
  const first = o.runbook.meta.apps[0]!;
  const source = accumulatingSource({
    description: `service proxy ${first.service}/metrics`,
    scrape: async () => {
      const r = await o.kube.serviceProxy(first.service, '/metrics', { timeoutMs: 5000 });
      if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
      return r.body;
    },
  });
  const deadline = Date.now() + o.decideTimeoutMs;
  let last: DecideReport | null = null;
  while (Date.now() < deadline) {
    last = await decide(o.runbook, source, { lang: o.deps.lang });
    const watched =
      last.rows.find((r) => r.verdict === 'breach') ?? last.rows.find((r) => r.verdict === 'pending');
    if (watched) {
      o.log(
        `  decide: ${watched.label}: ${watched.valueText} (${watched.verdict}${watched.breachedFor ? `, ${watched.breachedFor}` : ''})`,
      );
    }
    if (last.exitCode === EXIT.rollbackRecommended) return last;
    await sleep(o.decideIntervalMs, o.deps.signal);
  }
  // Each criterion's last value and why it did not trip: without them the failure says nothing.
  const rows = (last?.rows ?? []).map(
    (r) => `${r.criterion} ${r.valueText} (${r.verdict}${r.note ? `: ${r.note}` : ''})`,
  );
  throw new RunbookError(
    'E_DRILL_NO_TRIP',
    `decide did not recommend a rollback within ${Math.round(o.decideTimeoutMs / 1000)} s (last outcome: ${last?.outcome ?? 'none'}${rows.length ? `; ${rows.join('; ')}` : ''}${last?.notes.length ? `; ${last.notes.join('; ')}` : ''})`,
    EXIT.verification,
    'the criteria or the metrics source do not see the injected fault',
  );
}

/** Runs the rollback the scenario rehearses; returns its own duration. */
async function runProcedure(o: DrillStepsOptions): Promise<{ ms: number; exitCode: number; error?: string }> {
  const started = performance.now();
  const deps = { ...o.deps, journal: o.journal.scoped(SCENARIO_SPECS[o.scenario].procedure) };
  if (o.scenario === 'emergency' || o.scenario === 'blue-not-ready') {
    const r = await emergency(deps, {
      captureBase: o.journal.dir,
      vars: { impact: `drill: ${SCENARIO_SPECS[o.scenario].summary}` },
    });
    return { ms: performance.now() - started, exitCode: r.exitCode, error: r.error };
  }
  if (o.scenario === 'native') await nativeRollback(deps, {});
  else await versionRollback(deps, { tag: o.runbook.meta.stableVersion });
  const ms = performance.now() - started;
  // The sim counts requests per colour, so green's cumulative counters still hold the bad release's errors:
  // verification measures between two scrapes taken after the rollback, as `verify --metrics-window` does.
  const v = await verify(deps, { metricsWindowMs: VERIFY_WINDOW_MS });
  if (!v.ok) {
    const failed = v.checks
      .filter((c) => c.status === 'FAIL')
      .map((c) => `${c.check}${c.app ? ` ${c.app}` : ''}: ${c.detail}`);
    throw new RunbookError(
      'E_VERIFY_FAILED',
      `verification failed after the rollback: ${failed.join('; ')}`,
      EXIT.verification,
    );
  }
  o.log(`  ✓ verified: ${v.checks.filter((c) => c.status === 'PASS').length} checks pass`);
  return { ms, exitCode: EXIT.ok };
}

/** The drill proper, once a cluster is there: break, decide, roll back, verify. */
export async function runDrillSteps(o: DrillStepsOptions): Promise<DrillOutcome> {
  await o.journal.step('break', { scenario: o.scenario }, () => breakRelease(o));
  const decision = (await o.journal.step('decide', { windowsShortened: true }, async () => {
    const report = await decideUntilTrip(o);
    return { ...report } as unknown as Record<string, unknown>;
  })) as unknown as DecideReport;
  o.log(`  decide: ${decision.action ?? 'rollback'} → ${decision.procedure}`);
  const result = await runProcedure(o);
  return { exitCode: result.exitCode, decision, procedureMs: result.ms, error: result.error };
}
