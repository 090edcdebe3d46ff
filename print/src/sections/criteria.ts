import { actionText, procedureTitle, thresholdText, windowText } from '../format.ts';
import { type NavCtx, sectionHeading } from '../headings.ts';
import type { Ctx } from '../layout.ts';
import { type Cell, COMPACT, type Column, drawTable } from '../table.ts';

/** The decision table; with descriptions in the full section, without on the one-page card. */
export function drawCriteriaTable(ctx: Ctx, withDescription: boolean): void {
  const columns: Column[] = [
    { header: ctx.ui('criterion'), width: withDescription ? 3.4 : 2.2 },
    { header: ctx.ui('threshold'), width: 1.7, font: 'bold' },
    { header: ctx.ui('window'), width: withDescription ? 1.15 : 0.95 },
    { header: ctx.ui('action'), width: withDescription ? 1.45 : 1.35 },
    { header: ctx.ui('procedure'), width: withDescription ? 1.7 : 2.7 },
  ];
  const rows: Cell[][] = ctx.runbook.criteria.map((c) => [
    withDescription
      ? [{ text: ctx.l(c.label), font: 'bold' }, { text: ctx.l(c.description) }]
      : [{ text: ctx.l(c.label), font: 'bold' }],
    thresholdText(ctx, c),
    windowText(ctx, c),
    actionText(ctx, c.action),
    procedureTitle(ctx, c.procedure),
  ]);
  drawTable(ctx.doc, columns, rows, withDescription ? {} : { style: COMPACT });
}

export function drawCriteria(ctx: NavCtx): void {
  sectionHeading(ctx, 'criteria', ctx.ui('criteria'), { newPage: true });
  drawCriteriaTable(ctx, true);
}
