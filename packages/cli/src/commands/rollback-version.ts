import { formatMs, table } from '@runbook/core';
import {
  assertDeclaredVersion,
  SCHEMA_DETAILS,
  schemaCheckFrom,
  validateVersionTag,
  versionRollback,
} from '@runbook/scripts';
import { CLUSTERS_FLAG, withClusters } from '../clusters.ts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { CLUSTER_EXIT_DETAILS, CLUSTER_FLAGS } from '../runtime.ts';
import { durationFlag } from './_common.ts';
import { SCHEMA_FLAGS } from './_schema-flags.ts';

export default defineCommand({
  name: 'rollback version',
  description:
    'Pin every app to a known version: validate the tag (v1.2.3, nothing else), set the image of each container, wait for the rollouts.',
  details: `A malformed TAG is a usage error (exit 2); a TAG the runbook does not declare (meta.stableVersion,\nmeta.appVersions) is refused (exit 3) unless --force. Either way nothing changes.\n${CLUSTER_EXIT_DETAILS}\n${SCHEMA_DETAILS}`,
  args: [{ name: 'TAG', description: 'Version such as v1.2.3', required: true }],
  flags: {
    ...CLUSTER_FLAGS,
    ...CLUSTERS_FLAG,
    ...SCHEMA_FLAGS,
    force: {
      type: 'boolean',
      description: 'Go on despite an app/schema mismatch, or a TAG the runbook does not declare',
    },
    timeout: { type: 'string', hint: 'DURATION', description: 'Time allowed for the rollouts (default 5m)' },
  },
  run(ctx, flags, [tag]) {
    validateVersionTag(tag!);
    assertDeclaredVersion(ctx.runbook(), tag!, Boolean(flags.force));
    const timeoutMs = durationFlag(flags, 'timeout');
    const schema = schemaCheckFrom(flags.database, ctx.env, Boolean(flags.force));
    const database = schema.db?.describe() ?? null;
    return withClusters(
      ctx,
      flags,
      { command: 'rollback version', inputs: { tag, timeoutMs, database, force: Boolean(flags.force) } },
      async (rt, ctx) => {
        const r = await versionRollback(rt.deps, {
          tag: tag!,
          force: Boolean(flags.force),
          timeoutMs,
          schema,
        });
        if (rt.json) printData(ctx.out, flags, { incident: rt.journal.id, ...r });
        else if (!r.dryRun) {
          ctx.out(
            table(
              r.apps.map((a) => [a.deployment, a.fromImage, a.toImage]),
              ['deployment', 'before', 'after'],
            ),
          );
          ctx.out(`version ${r.tag} rolled out in ${formatMs(r.elapsedMs)} (incident ${rt.journal.id})`);
        }
        return 0;
      },
    );
  },
});
