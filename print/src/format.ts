import {
  ACTION_LABELS,
  type Criterion,
  criterionThresholdText,
  criterionWindowText,
  escalationWindowText,
  type Procedure,
} from '@runbook/core';
import type { Ctx } from './layout.ts';

export function thresholdText(ctx: Ctx, criterion: Criterion): string {
  return criterionThresholdText(criterion, ctx.lang);
}

export function windowText(ctx: Ctx, criterion: Criterion): string {
  return criterionWindowText(criterion, ctx.lang);
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
  return escalationWindowText(from, to, ctx.lang);
}

/** A colon as each language writes it. */
export function colon(ctx: Ctx): string {
  return ctx.lang === 'fr' ? ' : ' : ': ';
}

/** A phone number that never breaks across lines: half a number on each line gets misdialled. */
export function phone(number: string): string {
  return number.replaceAll(' ', '\u00a0');
}
