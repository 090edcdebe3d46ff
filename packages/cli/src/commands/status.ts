import { EXIT } from '@runbook/core';
import { clustersFor, connectCluster, readStatus, sleep } from '@runbook/scripts';
import type { Context } from '../context.ts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { changedBlocks, type StatusBlock, statusBlock } from '../render/status.ts';
import { CLUSTER_FLAGS } from '../runtime.ts';
import { durationFlag } from './_common.ts';

const { context, kubeconfig, namespace, env } = CLUSTER_FLAGS;
const FLAGS = {
  context,
  kubeconfig,
  namespace,
  env,
  'incidents-dir': {
    type: 'string',
    hint: 'DIR',
    description:
      "Where this machine's journals are: --incident falls back on it when the cluster has no record",
  },
  clusters: {
    type: 'string',
    hint: 'A,B',
    description: "Only these of the environment's clusters (default: all of them, when it lists several)",
  },
  incident: {
    type: 'string',
    hint: 'ID',
    description: 'The incident to show (default: the one recorded last)',
  },
  watch: {
    type: 'boolean',
    short: 'w',
    description:
      'Refresh until Ctrl-C: in place on a terminal; piped, a new block on each change, of the cluster that changed only',
  },
  interval: {
    type: 'string',
    hint: 'DURATION',
    description: 'Time between refreshes with --watch (default 2s)',
  },
  json: { type: 'boolean', description: 'Print the status as JSON (one line per refresh with --watch)' },
} as const;

// Home, clear to the end of the screen: the next reading replaces the last one without scrolling.
const REDRAW = '\x1b[H\x1b[J';

export default defineCommand({
  name: 'status',
  description:
    'Where the incident stands, read from the cluster alone (works from any machine with the kubeconfig): the lock holder, the steps with their outcomes and durations, who to call now and when the next level starts, the traffic colour and ready replicas per app.',
  details: `Reads the incident record (ConfigMap runbook-incident-<id>) that every rollback keeps in its namespace,
the Lease runbook-rollback, the Services and the Deployments. Changes nothing.
Exit codes: 2 usage (bad flag, unknown --incident) · 3 the incident's record is not valid (edited by hand;
not trusted) · 5 infrastructure error (API server unreachable, forbidden).`,
  flags: FLAGS,
  async run(ctx, flags) {
    const intervalMs = durationFlag(flags, 'interval', 2000);
    const clusters = clustersFor(ctx.runbook(), flags);
    const targets = await Promise.all(
      (clusters ?? [flags.context]).map(async (context) => ({
        cluster: clusters ? context! : null,
        ...(await connectCluster({
          runbook: ctx.runbook(),
          lang: ctx.lang,
          context,
          kubeconfig: flags.kubeconfig,
          namespace: flags.namespace,
          env: flags.env,
          signal: ctx.signal,
          flagNames: true,
        })),
      })),
    );
    const read = async () => {
      const nowMs = Date.now();
      const options = { incident: flags.incident, incidentsDir: flags['incidents-dir'], nowMs };
      const reports = await Promise.all(
        targets.map(async (t) => ({ cluster: t.cluster, ...(await readStatus(t.runbook, t.kube, options)) })),
      );
      return { nowMs, reports };
    };
    const lang = targets[0]!.lang;
    type Reading = Awaited<ReturnType<typeof read>>;
    const blocks = ({ nowMs, reports }: Reading) => reports.map((r) => statusBlock(r, lang, nowMs));
    const data = ({ reports }: Reading) => (clusters ? { clusters: reports } : reports[0]);
    if (!flags.watch) {
      const reading = await read();
      if (flags.json) printData(ctx.out, flags, data(reading));
      else ctx.out(joined(blocks(reading)));
      return 0;
    }
    const json = flags.json ? (r: Reading) => JSON.stringify(data(r)) : null;
    return watchStatus(ctx, read, blocks, json, intervalMs);
  },
});

const joined = (blocks: readonly StatusBlock[]) => blocks.map((b) => b.text).join('\n\n');

async function watchStatus<R>(
  ctx: Context,
  read: () => Promise<R>,
  blocks: (r: R) => StatusBlock[],
  json: ((r: R) => string) | null,
  intervalMs: number,
): Promise<number> {
  const last = new Map<string | null, string>();
  let lastLine = '';
  while (!ctx.signal.aborted) {
    const reading = await read();
    if (json) {
      const line = json(reading);
      if (line !== lastLine) ctx.out(line);
      lastLine = line;
    } else if (ctx.isTTY) ctx.out(`${REDRAW}${joined(blocks(reading))}`);
    // Piped, a block is printed only for a cluster whose state changed (elapsed times aside).
    else for (const b of changedBlocks(blocks(reading), last)) ctx.out(`${b.text}\n`);
    await sleep(intervalMs, ctx.signal).catch(() => {});
  }
  return EXIT.ok;
}
