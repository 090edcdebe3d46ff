/** One rehearsal on one cluster: the sim or a real context opened, connected to, confirmed, the scenario run. */
import { EXIT, type Lang, type Runbook, RunbookError } from '@runbook/core';
import { type Connection, connect, type Journal } from '@runbook/scripts';
import type { JobRunner } from '@runbook/sim';
import {
  badMigrationName,
  drillJobRunner,
  runDatabaseDrill,
  type ScratchDatabase,
  scratchDatabase,
} from './database.ts';
import { type DrillOutcome, type FaultControl, runDrillSteps } from './drill.ts';
import { SCENARIO_SPECS, type Scenario } from './scenarios.ts';
import { simWorld } from './sim-world.ts';

/** The drill's options a rehearsal reads; DrillOptions adds the run's own (artifacts, incidents folder). */
export interface RehearsalOptions {
  scenario: Scenario;
  /** The runbook as written: the simulated cluster's world is built from it. */
  runbook: Runbook;
  lang: Lang;
  /** Shortened window of windowed criteria, in seconds. */
  windowSeconds: number;
  errorRate: number;
  /** A real cluster's context; the simulated cluster otherwise. */
  context?: string;
  kubeconfig?: string;
  yes: boolean;
  isTTY: boolean;
  ask: (question: string) => Promise<boolean>;
  databaseUrl?: string;
  log: (line: string) => void;
  signal: AbortSignal;
}

interface Cluster {
  /** Where the cluster is: the sim's own kubeconfig, or the person's (undefined: KUBECONFIG). */
  kubeconfig: string | undefined;
  context: string;
  faults: FaultControl | null;
  stop(): Promise<void>;
}

async function openCluster(o: RehearsalOptions, jobRunner?: JobRunner): Promise<Cluster> {
  if (o.context) return { kubeconfig: o.kubeconfig, context: o.context, faults: null, stop: async () => {} };
  const { startSimCluster } = await import('@runbook/sim');
  const spec = SCENARIO_SPECS[o.scenario];
  const world = simWorld(o.runbook);
  const sim = await startSimCluster({
    readyDelayMs: 300,
    traffic: 40,
    faults: spec.startFaults,
    namespace: world.namespace,
    world: world.apps,
    jobRunner,
  });
  return { kubeconfig: sim.kubeconfig, context: 'sim', faults: sim, stop: () => sim.stop() };
}

export interface Held {
  cluster: Cluster | null;
  /** The connection to it; its cluster is read once more at the end for the final state. */
  conn: Connection | null;
  scratch: ScratchDatabase | null;
}

/** Opens the cluster (and the scratch database's Job runner), connects to it and runs the scenario on it. */
export async function rehearse(
  o: RehearsalOptions,
  runbook: Runbook,
  journal: Journal,
  webhook: string,
  held: Held,
): Promise<DrillOutcome> {
  const scratch = o.scenario === 'database' ? scratchDatabase(o.databaseUrl!, journal.id) : null;
  held.scratch = scratch;
  const badMigration = badMigrationName(runbook);
  const conn = await journal
    .step('cluster', { context: o.context ?? 'sim' }, async () => {
      o.log(
        o.context ? `using the real cluster of context "${o.context}"` : 'starting the simulated cluster…',
      );
      const cluster = await openCluster(
        o,
        scratch ? drillJobRunner(runbook, scratch, badMigration) : undefined,
      );
      held.cluster = cluster;
      const c = await connect({
        runbook,
        lang: o.lang,
        kubeconfig: cluster.kubeconfig,
        context: cluster.context,
        env: o.context ? undefined : 'sim',
        journal,
        log: o.log,
        out: o.log,
        // The drill stands for the person at the keyboard: confirmation is asked once, below.
        yes: true,
        signal: o.signal,
        webhook,
        lockIdentity: `drill/${process.pid}`,
        escalation: false,
      });
      held.conn = c;
      return { server: c.kube.server, context: c.kube.context };
    })
    .then(() => held.conn!);
  if (o.context && !o.yes) {
    const question = `Run the "${o.scenario}" drill against context "${o.context}"? It changes that cluster`;
    if (!(o.isTTY && (await o.ask(question)))) {
      throw new RunbookError(
        'E_NOT_CONFIRMED',
        `drill against "${o.context}" not confirmed`,
        EXIT.precondition,
        'rerun with --yes',
      );
    }
  }
  if (scratch) {
    const db = await runDatabaseDrill({
      runbook,
      deps: conn.deps,
      journal,
      kube: conn.kube,
      scratch,
      badMigration,
      log: o.log,
    });
    return { exitCode: EXIT.ok, decision: null, procedureMs: db.procedureMs };
  }
  return runDrillSteps({
    scenario: o.scenario,
    runbook,
    deps: conn.deps,
    journal,
    kube: conn.kube,
    faults: held.cluster?.faults ?? null,
    errorRate: o.errorRate,
    decideTimeoutMs: Math.max(60_000, o.windowSeconds * 4000),
    decideIntervalMs: 1000,
    log: o.log,
  });
}
