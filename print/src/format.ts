import { ACTION_LABELS, type Criterion, decimal, formatThreshold, type Procedure } from '@runbook/core';
import type { Ctx } from './layout.ts';

/** `5m` → `5 min`: durations as people read them. */
export function formatDuration(ctx: Ctx, duration: string): string {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(duration);
  if (!match) return duration;
  const [, n, unit] = match;
  const units: Record<string, string> = {
    ms: 'ms',
    s: 's',
    m: ctx.ui('minutes'),
    h: 'h',
    d: ctx.lang === 'fr' ? 'j' : 'd',
  };
  return `${decimal(n!, ctx.lang)} ${units[unit!]}`;
}

export function thresholdText(ctx: Ctx, criterion: Criterion): string {
  if (criterion.kind === 'event') return ctx.ui('declaredByPerson');
  const threshold = formatThreshold(criterion, ctx.lang);
  return criterion.event ? `${threshold} / ${ctx.ui('declaredByPerson')}` : threshold;
}

export function windowText(ctx: Ctx, criterion: Criterion): string {
  if (criterion.kind === 'event' || criterion.window === null) return ctx.ui('atOnce');
  return formatDuration(ctx, criterion.window);
}

export function actionText(ctx: Ctx, action: keyof typeof ACTION_LABELS): string {
  return ctx.l(ACTION_LABELS[action]);
}

export function procedureTitle(ctx: Ctx, id: string): string {
  const procedure = ctx.runbook.procedures.find((p: Procedure) => p.id === id);
  return procedure ? ctx.l(procedure.title) : id;
}

/** `0–15 min`, `≥ 30 min`. */
export function levelSpan(ctx: Ctx, from: number, to: number | null): string {
  return to === null ? `≥ ${from} ${ctx.ui('minutes')}` : `${from}–${to} ${ctx.ui('minutes')}`;
}

/** A colon as each language writes it. */
export function colon(ctx: Ctx): string {
  return ctx.lang === 'fr' ? ' : ' : ': ';
}

/** A phone number that never breaks across lines: half a number on each line gets misdialled. */
export function phone(number: string): string {
  return number.replaceAll(' ', '\u00a0');
}
