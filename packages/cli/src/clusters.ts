/**
 * A command run on every cluster of an environment that lists several (`clusters`): side by side, each with
 * its own lock, journal and incident record under one incident id, its lines prefixed with its name, then one
 * table. `--clusters a,b` narrows the run; `--context` aims it at one cluster as before.
 */
import { table } from '@runbook/core';
import {
  CLUSTER_COLUMNS,
  type ClusterOutcome,
  clusterRows,
  clustersFor,
  newIncidentId,
  onClusters,
  worstExit,
} from '@runbook/scripts';
import type { Context } from './context.ts';
import { defineFlags } from './define.ts';
import { type ClusterFlags, type Runtime, type RuntimeOptions, withRuntime } from './runtime.ts';

export const CLUSTERS_FLAG = defineFlags({
  clusters: {
    type: 'string',
    hint: 'A,B',
    description: "Only these of the environment's clusters (default: all of them, when it lists several)",
  },
});

/** A context whose lines carry the cluster's name; with --json its output is kept for the summary. */
function clusterContext(ctx: Context, cluster: string, json: boolean, kept: string[]): Context {
  const tag = (text = '') =>
    text
      .split('\n')
      .map((l) => `[${cluster}] ${l}`)
      .join('\n');
  return Object.assign(Object.create(ctx) as Context, {
    out: json ? (text = '') => void kept.push(text) : (text?: string) => ctx.out(tag(text)),
    err: (text?: string) => ctx.err(tag(text)),
  });
}

function summary(ctx: Context, id: string, outcomes: ClusterOutcome<number>[]): void {
  const { rows, needHuman } = clusterRows(outcomes);
  ctx.out(table(rows, CLUSTER_COLUMNS));
  ctx.out(
    needHuman.length
      ? `incident ${id}: needs a human on ${needHuman.join(', ')}`
      : `incident ${id}: done on ${outcomes.map((o) => o.cluster).join(', ')}`,
  );
}

/**
 * `withRuntime` on every cluster the environment lists (narrowed by --clusters), or on the one cluster of the
 * flags when it lists none or --context is given. Returns the worst exit code of the clusters.
 */
export async function withClusters(
  ctx: Context,
  flags: ClusterFlags & { clusters?: string },
  options: RuntimeOptions,
  fn: (rt: Runtime, ctx: Context) => Promise<number>,
): Promise<number> {
  const clusters = clustersFor(ctx.runbook(), flags);
  if (!clusters) return withRuntime(ctx, flags, options, (rt) => fn(rt, ctx));
  const id = flags.resume ?? newIncidentId(options.command);
  const json = Boolean(flags.json);
  const kept = new Map(clusters.map((c) => [c, [] as string[]]));
  const outcomes = await onClusters(clusters, (cluster) => {
    const cctx = clusterContext(ctx, cluster, json, kept.get(cluster)!);
    const cflags = { ...flags, context: cluster };
    return withRuntime(cctx, cflags, { ...options, cluster, incidentId: id }, (rt) => fn(rt, cctx));
  });
  for (const o of outcomes)
    if (o.error)
      ctx.err(
        `[${o.cluster}] error: ${o.error.message}${o.error.hint ? `\n[${o.cluster}] hint: ${o.error.hint}` : ''}`,
      );
  if (json) {
    const output = (c: string) => kept.get(c)!.map((t) => JSON.parse(t) as unknown);
    ctx.out(
      JSON.stringify({
        incident: id,
        exitCode: worstExit(outcomes),
        clusters: outcomes.map((o) => ({
          cluster: o.cluster,
          exitCode: o.exitCode,
          durationMs: Math.round(o.durationMs),
          ...(o.error ? { error: o.error.message } : {}),
          output: output(o.cluster),
        })),
      }),
    );
  } else summary(ctx, id, outcomes);
  return worstExit(outcomes);
}
