import { EXIT, formatMs, UsageError } from '@runbook/core';
import type { DecideReport, WatchOptions } from '@runbook/scripts';
import type { Context } from '../context.ts';
import { defineCommand } from '../define.ts';
import { printRecord } from '../output.ts';
import type { ClusterFlags } from '../runtime.ts';
import { durationFlag } from './_common.ts';
import { SOURCE_FLAGS, sourceFromFlags, validateSourceFlags } from './_decide-source.ts';

function summary(report: DecideReport, iteration: number): string {
  const breached = report.rows.filter((r) => r.verdict === 'breach').map((r) => r.criterion);
  const unknown = report.rows.filter((r) => r.verdict === 'inconclusive').map((r) => r.criterion);
  const parts = [`#${iteration} ${report.at} ${report.outcome}`];
  if (breached.length) parts.push(`breach: ${breached.join(', ')}`);
  if (unknown.length) parts.push(`inconclusive: ${unknown.join(', ')}`);
  return parts.join(' · ');
}

async function autoRollback(
  ctx: Context,
  flags: ClusterFlags,
): Promise<{ options: NonNullable<WatchOptions['autoRollback']>; close: () => Promise<void> }> {
  const { createRuntime } = await import('../runtime.ts');
  const rt = await createRuntime(
    ctx,
    { ...flags, yes: true },
    { command: 'watch', inputs: { autoRollback: true }, journalFallback: true },
  );
  const { runEmergency } = await import('@runbook/scripts');
  return {
    options: { journal: rt.journal, run: (report) => runEmergency(rt.deps, report, rt.journal.dir) },
    close: () => rt.close('ok'),
  };
}

export default defineCommand({
  name: 'watch',
  description:
    'Evaluate the rollback criteria every interval and notify (SLACK_WEBHOOK) when one is breached.',
  details: `Runs until Ctrl-C. With --auto-rollback, a breach runs the procedure the plan calls for (emergency) by
itself, once per incident: the incident journal records it, and --resume INCIDENT continues the same incident
without running it twice. Without --auto-rollback, watch only notifies.`,
  flags: {
    ...SOURCE_FLAGS,
    interval: { type: 'string', hint: 'DURATION', description: 'Time between evaluations (default 15s)' },
    'max-iterations': { type: 'string', hint: 'N', description: 'Stop after N evaluations' },
    'auto-rollback': {
      type: 'boolean',
      description: 'Run the emergency procedure on a breach (once per incident)',
    },
    resume: {
      type: 'string',
      hint: 'INCIDENT',
      description: 'With --auto-rollback: continue this watch incident',
    },
    json: { type: 'boolean', description: 'Print each evaluation as one JSON line' },
  },
  async run(ctx, flags) {
    const intervalMs = durationFlag(flags, 'interval', 15_000);
    const sourceFlags = { ...flags, interval: `${Math.min(5000, Math.floor(intervalMs / 2))}ms` };
    validateSourceFlags(sourceFlags);
    let maxIterations: number | undefined;
    if (flags['max-iterations'] !== undefined) {
      maxIterations = Number(flags['max-iterations']);
      if (!Number.isInteger(maxIterations) || maxIterations < 1) {
        throw new UsageError(
          `--max-iterations: expected a positive integer, got "${flags['max-iterations']}"`,
        );
      }
    }
    if (flags.resume && !flags['auto-rollback']) throw new UsageError('--resume: only with --auto-rollback');
    const runbook = ctx.runbook();
    const source = await sourceFromFlags(runbook, sourceFlags, ctx.signal);
    const { watch } = await import('@runbook/scripts');
    const { postWebhook, webhookFromEnv } = await import('@runbook/scripts');
    const webhook = webhookFromEnv(ctx.env);
    const baseDir = flags['incidents-dir'] ?? 'incidents';
    const incident = flags.incident;
    const { readDeclarations } = await import('@runbook/scripts');
    const auto = flags['auto-rollback'] ? await autoRollback(ctx, flags) : null;
    ctx.err(
      `watching ${source.description} every ${formatMs(intervalMs)}${auto ? ', auto-rollback on' : ''}; Ctrl-C stops`,
    );
    try {
      const result = await watch({
        runbook,
        source,
        lang: ctx.lang,
        intervalMs,
        maxIterations,
        signal: ctx.signal,
        declarations: incident ? () => readDeclarations(baseDir, incident) : undefined,
        notify: async (text) =>
          webhook
            ? postWebhook(webhook, text, { signal: ctx.signal })
            : { sent: false, reason: 'SLACK_WEBHOOK is not set' },
        onReport: (report, i) =>
          flags.json ? printRecord(ctx.out, flags, { iteration: i, ...report }) : ctx.out(summary(report, i)),
        log: (line) => ctx.err(line),
        ...(auto ? { autoRollback: auto.options } : {}),
      });
      if (ctx.signal.aborted) ctx.err('watch stopped');
      return result.last?.exitCode ?? EXIT.ok;
    } finally {
      await auto?.close();
    }
  },
});
