import { EXIT } from '@runbook/core';
import { verify } from '@runbook/scripts';
import { CLUSTERS_FLAG, withClusters } from '../clusters.ts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { CLUSTER_EXIT_DETAILS, CLUSTER_FLAGS } from '../runtime.ts';
import { checksTable, VERIFY_FLAGS, verifyOptions } from './_verify-flags.ts';

export default defineCommand({
  name: 'verify',
  description:
    'Verify after a rollback: health of every app, error rate and P95 from /metrics against the runbook thresholds, ERROR in the last 100 log lines of the serving pods, and the critical-path tests. Prints a pass/fail table.',
  details: `Finding errors fails the verification (exit 4); the plan's "grep ERROR || echo" never does.\nOn a simulated environment, which runs no test command, the critical-path check is built in:\neach app's criticalPath requests (runbook meta.apps[].criticalPath) through its service.\n${CLUSTER_EXIT_DETAILS}`,
  flags: { ...CLUSTER_FLAGS, ...CLUSTERS_FLAG, ...VERIFY_FLAGS },
  run(ctx, flags) {
    const options = verifyOptions(flags);
    return withClusters(ctx, flags, { command: 'verify' }, async (rt, ctx) => {
      const r = await verify(rt.deps, options);
      if (rt.json) printData(ctx.out, flags, { incident: rt.journal.id, ...r });
      else {
        ctx.out(checksTable(r.checks, ctx.color));
        ctx.out(r.ok ? 'verification passed' : 'verification FAILED');
      }
      return r.ok ? EXIT.ok : EXIT.verification;
    });
  },
});
