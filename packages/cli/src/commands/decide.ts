import {
  type Lang,
  localize,
  parseDuration,
  t,
  table,
  UsageError,
  DECISION_WORDS as WORDS,
} from '@runbook/core';
import type { DecideReport } from '@runbook/scripts';
import type { Context } from '../context.ts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { styles } from '../style.ts';
import { SOURCE_FLAGS, sourceFromFlags, validateSourceFlags } from './_decide-source.ts';

/** `2026-11-26T03:00:00Z`, unix seconds, or `-10m` (before now). */
export function parseAt(text: string): number {
  if (/^-\d/.test(text)) return Date.now() - parseDuration(text.slice(1), '--at');
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw new UsageError(
      `--at: expected an ISO time, unix seconds or -DURATION (e.g. --at=-10m), got "${text}"`,
    );
  return ms;
}

export function renderReport(ctx: Pick<Context, 'out' | 'color'>, report: DecideReport, lang: Lang): void {
  const s = styles(ctx.color);
  const w = (k: keyof typeof WORDS) => localize(WORDS[k], lang);
  const paint = { ok: s.green, pending: s.yellow, breach: s.red, inconclusive: s.yellow };
  ctx.out(s.dim(`${w('source')}: ${report.source} · ${report.at}`));
  const rows = report.rows.map((r) => [
    r.label,
    r.valueText,
    r.threshold,
    r.window,
    r.breachedFor,
    paint[r.verdict](w(r.verdict)),
    r.procedure,
  ]);
  ctx.out(
    table(rows, [
      t('criterion', lang),
      w('observed'),
      t('threshold', lang),
      t('window', lang),
      w('breachedFor'),
      w('verdict'),
      t('procedure', lang),
    ]),
  );
  // An unreachable source fails every criterion the same way: say it once, naming them all.
  const byNote = new Map<string, string[]>();
  for (const r of report.rows)
    if (r.note && r.verdict !== 'ok') byNote.set(r.note, [...(byNote.get(r.note) ?? []), r.criterion]);
  for (const [note, ids] of byNote) ctx.out(s.dim(`  ${ids.join(', ')}: ${note}`));
  for (const note of report.notes) ctx.out(s.dim(`  note: ${note}`));
  ctx.out('');
  if (report.outcome === 'rollback') {
    ctx.out(
      s.bold(
        s.red(
          `${w('rollback')}: ${report.action} → ${t('procedure', lang).toLowerCase()} ${report.procedure}`,
        ),
      ),
    );
  } else if (report.outcome === 'inconclusive') {
    ctx.out(s.bold(s.yellow(w('undecided'))));
  } else {
    ctx.out(s.green(w('noRollback')));
  }
}

/** Checks `--declare EVENT "reason"` without writing anything; returns what to record. */
async function declarationFromFlags(flags: { declare?: string }, args: string[]) {
  const event = flags.declare;
  const reason = args[0]?.trim();
  if (!event && args[0] !== undefined)
    throw new UsageError(`unexpected argument "${args[0]}": a reason goes with --declare`);
  if (!event) return undefined;
  const { parseDeclarableEvent } = await import('@runbook/scripts');
  const kind = parseDeclarableEvent(event);
  if (!reason)
    throw new UsageError(
      `--declare ${kind}: give the reason as an argument, e.g. --declare ${kind} "orders table emptied"`,
    );
  return { event: kind, reason };
}

export default defineCommand({
  name: 'decide',
  description: 'Evaluate every rollback criterion of the plan and say whether to roll back, and how.',
  details: `A windowed criterion is breached only if it held for the whole window. Missing data, NaN or an
unreachable source is INCONCLUSIVE, never a pass. Declared events (--declare) are kept in the incident journal
and read back with --incident.
Examples:
  runbook decide --prometheus http://127.0.0.1:9090
  runbook decide --metrics-url https://api.example.com/metrics --interval 10s
  runbook decide --declare data-loss "orders of the last hour are gone" --incident 20261126-0300-emergency-1a2b
Exit codes of decide: 0 no rollback · 10 rollback recommended · 11 inconclusive.`,
  flags: {
    ...SOURCE_FLAGS,
    at: {
      type: 'string',
      hint: 'TIME',
      description: 'Evaluate at this time: ISO, unix seconds or --at=-10m (Prometheus only)',
    },
    declare: {
      type: 'string',
      hint: 'EVENT',
      description: 'Record a declaration: data-loss|security|payment, with the reason as argument',
    },
    json: { type: 'boolean', description: 'Print the decision table as JSON' },
  },
  args: [{ name: 'reason', description: 'Why, with --declare' }],
  async run(ctx, flags, args) {
    validateSourceFlags(flags);
    const atMs = flags.at ? parseAt(flags.at) : undefined;
    const declaration = await declarationFromFlags(flags, args);
    const runbook = ctx.runbook();
    const source = await sourceFromFlags(runbook, flags, ctx.signal);
    if (atMs !== undefined && !source.canLookBack) {
      throw new UsageError(`--at: only with Prometheus; ${source.description} cannot look back`);
    }
    const baseDir = flags['incidents-dir'] ?? 'incidents';
    const { readDeclarations, recordDeclaration } = await import('@runbook/scripts');
    let incident = flags.incident;
    if (declaration) {
      const by = ctx.env.USER;
      incident = await recordDeclaration(
        baseDir,
        incident,
        { ...declaration, at: Date.now(), ...(by ? { by } : {}) },
        ctx.env,
      );
      ctx.err(`declared ${declaration.event} in incident ${incident}`);
    }
    const declarations = incident ? await readDeclarations(baseDir, incident) : [];
    const { decide } = await import('@runbook/scripts');
    const report = await decide(runbook, source, { atMs, declarations, lang: ctx.lang });
    if (flags.json) printData(ctx.out, flags, incident ? { ...report, incident } : report, 2);
    else renderReport(ctx, report, ctx.lang);
    return report.exitCode;
  },
});
