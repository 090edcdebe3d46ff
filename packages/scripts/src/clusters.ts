/**
 * One rollback across several clusters (regions): the same command on each, side by side, each with its own
 * lock and incident record under one incident id. A cluster that fails does not stop the others; the run's
 * exit code is the worst of theirs.
 */
import { type Environment, EXIT, formatMs, type Runbook, RunbookError, UsageError } from '@runbook/core';

/** How one cluster's run ended. */
export interface ClusterOutcome<T> {
  cluster: string;
  /** 0 when it succeeded; the exit code of its error (or of the non-zero number it returned) otherwise. */
  exitCode: number;
  durationMs: number;
  result?: T;
  /** The error that ended it, for its message and hint. */
  error?: RunbookError;
}

/**
 * The clusters a run targets: the environment's `clusters`, narrowed by `only` (`--clusters a,b`); null when
 * the environment has a single cluster. An unknown name is a usage error naming the known ones.
 */
export function targetClusters(
  env: Pick<Environment, 'clusters'>,
  envName: string,
  only: readonly string[] | undefined,
  label = '--clusters',
): string[] | null {
  const known = env.clusters;
  if (!known) {
    if (only?.length)
      throw new UsageError(
        `${label}: environment "${envName}" has a single cluster (no clusters list); got ${only.join(',')}`,
        'use --context to choose the kube context',
      );
    return null;
  }
  if (!only?.length) return [...known];
  const unknown = only.filter((c) => !known.includes(c));
  if (unknown.length)
    throw new UsageError(
      `${label}: unknown cluster${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}; environment "${envName}" has ${known.join(', ')}`,
    );
  return known.filter((c) => only.includes(c));
}

/** `--clusters eu-west,us-east` → names; empty items are a usage error. */
function parseClusterList(text: string, label = '--clusters'): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => !n))
    throw new UsageError(`${label}: expected names separated by commas, got "${text}"`);
  return [...new Set(names)];
}

/** The environment named (default `production`), for choosing clusters before connecting to any. */
function environmentNamed(runbook: Runbook, envName: string | undefined): [string, Environment] | null {
  const name = envName ?? 'production';
  const env = (runbook.meta.environments as Record<string, Environment>)[name];
  return env ? [name, env] : null;
}

/**
 * The clusters a command runs on, from its flags: the environment's (default `production`) `clusters`, narrowed
 * by `clusters` (`--clusters a,b`); null for one cluster, when the environment lists none or `context` picks
 * one. `--clusters` where there is a single cluster, or an unknown name, is a usage error before anything runs.
 */
export function clustersFor(
  runbook: Runbook,
  flags: { env?: string; context?: string; clusters?: string },
): string[] | null {
  const only = flags.clusters === undefined ? undefined : parseClusterList(flags.clusters);
  const named = flags.context ? null : environmentNamed(runbook, flags.env);
  if (named) return targetClusters(named[1], named[0], only);
  if (only) targetClusters({ clusters: null }, flags.env ?? 'production', only);
  return null;
}

function exitOf(err: unknown): RunbookError {
  if (err instanceof RunbookError) return err;
  return new RunbookError('E_INTERNAL', err instanceof Error ? err.message : String(err), 70);
}

/** Runs `fn` on every cluster at once; never rejects: each cluster's outcome says how it ended. */
export function onClusters<T>(
  clusters: readonly string[],
  fn: (cluster: string) => Promise<T>,
): Promise<ClusterOutcome<T>[]> {
  return Promise.all(
    clusters.map(async (cluster) => {
      const t0 = performance.now();
      try {
        const result = await fn(cluster);
        const exitCode = typeof result === 'number' ? result : EXIT.ok;
        return { cluster, exitCode, durationMs: performance.now() - t0, result };
      } catch (err) {
        const error = exitOf(err);
        return { cluster, exitCode: error.exitCode, durationMs: performance.now() - t0, error };
      }
    }),
  );
}

const OUTCOME: Record<number, string> = {
  0: 'ok',
  2: 'usage error',
  3: 'refused',
  4: 'verification failed',
  5: 'infrastructure error',
  130: 'interrupted',
};

/** What an exit code means for the cluster it ended, in a summary table. */
export function outcomeOf(exitCode: number): string {
  return OUTCOME[exitCode] ?? `exit ${exitCode}`;
}

/** One row per cluster: name, outcome, exit code, duration; and the clusters that need a human. */
export function clusterRows(
  outcomes: readonly Pick<ClusterOutcome<unknown>, 'cluster' | 'exitCode' | 'durationMs'>[],
): { rows: string[][]; needHuman: string[] } {
  return {
    rows: outcomes.map((o) => [o.cluster, outcomeOf(o.exitCode), String(o.exitCode), formatMs(o.durationMs)]),
    needHuman: outcomes.filter((o) => o.exitCode !== 0).map((o) => o.cluster),
  };
}

/** The header of a cluster table. */
export const CLUSTER_COLUMNS = ['cluster', 'outcome', 'exit', 'duration'];

/** The run's exit code: the highest of the clusters' (a usage error anywhere is still a usage error). */
export function worstExit(outcomes: readonly ClusterOutcome<unknown>[]): number {
  return outcomes.reduce((worst, o) => Math.max(worst, o.exitCode), 0);
}
