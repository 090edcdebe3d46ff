import { checkTemplateVars, formatMs } from '@runbook/core';
import { emergency } from '@runbook/scripts';
import { CLUSTERS_FLAG, withClusters } from '../clusters.ts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { CLUSTER_EXIT_DETAILS, CLUSTER_FLAGS } from '../runtime.ts';
import { durationFlag, parseVars, VAR_FLAG } from './_common.ts';
import { checksTable, VERIFY_FLAGS, verifyOptions } from './_verify-flags.ts';

export default defineCommand({
  name: 'emergency',
  description:
    'The automated full rollback: notify, capture state, blue-green switch, verify, and notify of success or failure. The final notice always goes out.',
  details: `Notifications use the internal template; SLACK_WEBHOOK is the webhook (never printed). Without it the\nmessages are printed. A failure exits non-zero. A journal that cannot be written (disk full, read-only)\ndoes not stop it: it is kept in memory and written to a temporary folder at the end.\n${CLUSTER_EXIT_DETAILS}`,
  flags: {
    ...CLUSTER_FLAGS,
    ...CLUSTERS_FLAG,
    ...VERIFY_FLAGS,
    var: VAR_FLAG,
    deadline: {
      type: 'string',
      hint: 'DURATION',
      description: 'Time allowed for the switch to be verified (default 30s)',
    },
  },
  run(ctx, flags) {
    const vars = parseVars(flags.var);
    // A mistyped value is refused now, not in the middle of the procedure when the first notice goes out.
    checkTemplateVars(ctx.runbook(), 'internal', vars);
    const verifyOpts = verifyOptions(flags);
    const deadlineMs = durationFlag(flags, 'deadline');
    return withClusters(
      ctx,
      flags,
      { command: 'emergency', inputs: { vars, deadlineMs }, journalFallback: true },
      async (rt, ctx) => {
        const started = performance.now();
        const r = await emergency(rt.deps, {
          captureBase: rt.journal.dir,
          vars,
          blueGreen: { deadlineMs },
          verify: verifyOpts,
        });
        if (rt.json) printData(ctx.out, flags, { incident: rt.journal.id, ...r });
        else {
          if (r.verification) ctx.out(checksTable(r.verification.checks, ctx.color));
          const n = r.notifications;
          ctx.out(
            `notifications: start ${n.start?.sent ? 'sent' : 'not sent'}, end ${n.end?.sent ? 'sent' : 'not sent'}`,
          );
          ctx.out(
            `${r.ok ? 'emergency rollback complete' : `emergency rollback FAILED: ${r.error}`} in ${formatMs(performance.now() - started)} (incident ${rt.journal.id})`,
          );
        }
        if (!r.ok && !rt.json) ctx.err(`error: ${r.error}`);
        return r.exitCode;
      },
    );
  },
});
