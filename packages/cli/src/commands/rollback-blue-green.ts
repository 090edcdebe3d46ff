import { formatMs, table, UsageError } from '@runbook/core';
import { blueGreenRollback } from '@runbook/scripts';
import { CLUSTERS_FLAG, withClusters } from '../clusters.ts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { CLUSTER_EXIT_DETAILS, CLUSTER_FLAGS } from '../runtime.ts';
import { durationFlag } from './_common.ts';

export default defineCommand({
  name: 'rollback blue-green',
  description:
    "Switch every app's service to the other colour, or none: refused unless every target deployment is fully Ready; a failed patch restores the other services; then waits until the endpoints hold only target pods and health answers.",
  details: `Replaces the plan's "sleep 5" by polling, within --deadline (default: the plan's 30 s).\n${CLUSTER_EXIT_DETAILS}`,
  flags: {
    ...CLUSTER_FLAGS,
    ...CLUSTERS_FLAG,
    to: { type: 'string', hint: 'blue|green', description: 'Colour to send traffic to (default blue)' },
    deadline: {
      type: 'string',
      hint: 'DURATION',
      description: 'Time allowed for endpoints and health after the switch (default 30s)',
    },
  },
  run(ctx, flags) {
    const to = flags.to ?? 'blue';
    if (to !== 'blue' && to !== 'green') throw new UsageError(`--to: expected blue or green, got "${to}"`);
    const deadlineMs = durationFlag(flags, 'deadline');
    return withClusters(
      ctx,
      flags,
      { command: 'rollback blue-green', inputs: { to, deadlineMs } },
      async (rt, ctx) => {
        const r = await blueGreenRollback(rt.deps, { to, deadlineMs });
        if (rt.json) printData(ctx.out, flags, { incident: rt.journal.id, ...r });
        else if (!r.dryRun) {
          ctx.out(
            table(
              r.services.map((s) => [s.service, JSON.stringify(s.before), JSON.stringify(s.after)]),
              ['service', 'before', 'after'],
            ),
          );
          ctx.out(`traffic on ${r.to}, verified in ${formatMs(r.elapsedMs)} (incident ${rt.journal.id})`);
        }
        return 0;
      },
    );
  },
});
