import { formatMs, table, UsageError } from '@runbook/core';
import { nativeRollback, SCHEMA_DETAILS, schemaCheckFrom } from '@runbook/scripts';
import { CLUSTERS_FLAG, withClusters } from '../clusters.ts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { CLUSTER_EXIT_DETAILS, CLUSTER_FLAGS } from '../runtime.ts';
import { durationFlag } from './_common.ts';
import { SCHEMA_FLAGS } from './_schema-flags.ts';

export default defineCommand({
  name: 'rollback native',
  description:
    "`kubectl rollout undo` for every app, computed as kubectl does from the ReplicaSets' revision annotations, then a wait with `kubectl rollout status`'s conditions.",
  details: `No kubectl needed. --timeout defaults to 5m (the plan says 2–5 minutes).\n${CLUSTER_EXIT_DETAILS}\n${SCHEMA_DETAILS}`,
  flags: {
    ...CLUSTER_FLAGS,
    ...CLUSTERS_FLAG,
    ...SCHEMA_FLAGS,
    'to-revision': {
      type: 'string',
      hint: 'N',
      description: 'Revision to return to (default: the previous one)',
    },
    timeout: { type: 'string', hint: 'DURATION', description: 'Time allowed for the rollouts (default 5m)' },
  },
  run(ctx, flags) {
    const raw = flags['to-revision'];
    if (raw !== undefined && !/^[1-9]\d{0,8}$/.test(raw))
      throw new UsageError(`--to-revision: expected a positive revision number, got ${JSON.stringify(raw)}`);
    const toRevision = raw === undefined ? 0 : Number(raw);
    const timeoutMs = durationFlag(flags, 'timeout');
    const schema = schemaCheckFrom(flags.database, ctx.env, Boolean(flags.force));
    const database = schema.db?.describe() ?? null;
    return withClusters(
      ctx,
      flags,
      {
        command: 'rollback native',
        inputs: { toRevision, timeoutMs, database, force: Boolean(flags.force) },
      },
      async (rt, ctx) => {
        const r = await nativeRollback(rt.deps, { toRevision, timeoutMs, schema });
        if (rt.json) printData(ctx.out, flags, { incident: rt.journal.id, ...r });
        else if (!r.dryRun) {
          ctx.out(
            table(
              r.apps.map((a) => [
                a.deployment,
                `${a.fromRevision} → ${a.toRevision}`,
                `${a.fromImage} → ${a.toImage}`,
              ]),
              ['deployment', 'revision', 'image'],
            ),
          );
          ctx.out(`rolled back in ${formatMs(r.elapsedMs)} (incident ${rt.journal.id})`);
        }
        return 0;
      },
    );
  },
});
