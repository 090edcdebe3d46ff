import { captureState } from '@runbook/scripts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { CLUSTER_EXIT_DETAILS, CLUSTER_FLAGS, withRuntime } from '../runtime.ts';

export default defineCommand({
  name: 'capture-state',
  description:
    'Capture deployments, replicasets (revisions, image digests), pods, services, endpoints and the last 1000 log lines of the app pods, as YAML, into a timestamped folder. Secrets are never written.',
  details: `Default folder: <incidents-dir>/<incident>/state-<stamp>; --out DIR puts it under DIR.\n${CLUSTER_EXIT_DETAILS}`,
  flags: {
    ...CLUSTER_FLAGS,
    out: { type: 'string', hint: 'DIR', description: 'Folder to create the timestamped capture in' },
  },
  run: (ctx, flags) =>
    withRuntime(ctx, flags, { command: 'capture-state' }, async (rt) => {
      const result = await captureState(rt.deps, {
        outBase: flags.out ?? rt.journal.dir,
        redact: rt.redact,
      });
      if (rt.json) printData(ctx.out, flags, { incident: rt.journal.id, ...result });
      else if (!rt.deps.dryRun) ctx.out(`${result.dir}\n${result.files.map((f) => `  ${f}`).join('\n')}`);
      return 0;
    }),
});
