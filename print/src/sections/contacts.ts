import { levelSpan, phone } from '../format.ts';
import { minorHeading, type NavCtx, sectionHeading } from '../headings.ts';
import type { Ctx } from '../layout.ts';
import { type Cell, COMPACT, type Column, drawTable, rowHeight } from '../table.ts';

function contactLines(ctx: Ctx, ids: readonly string[]): string {
  return ids
    .map((id) => ctx.runbook.contacts.find((c) => c.id === id))
    .filter((c) => c !== undefined)
    .map((c) => `${phone(c.phone)}  ${c.name} (${ctx.l(c.role)})`)
    .join('\n');
}

/** The escalation ladder with every contact resolved to a name and a number: nobody looks anything up. */
export function drawEscalationTable(ctx: Ctx, compact = false): void {
  const columns: Column[] = [
    { header: ctx.ui('level'), width: 0.9 },
    { header: ctx.ui('escalationWhen'), width: 1 },
    { header: ctx.ui('escalation'), width: 1.8 },
    { header: `${ctx.ui('phone')} · ${ctx.ui('name')}`, width: 4.2, font: 'bold' },
  ];
  const rows: Cell[][] = [...ctx.runbook.escalation]
    .sort((a, b) => a.fromMinutes - b.fromMinutes)
    .map((level) => [
      String(level.level),
      levelSpan(ctx, level.fromMinutes, level.toMinutes),
      ctx.l(level.label),
      contactLines(ctx, level.contacts),
    ]);
  drawTable(ctx.doc, columns, rows, compact ? { style: COMPACT } : {});
}

export function drawContacts(ctx: NavCtx): void {
  sectionHeading(ctx, 'contacts', ctx.ui('contacts'), { newPage: true });
  const columns: Column[] = [
    { header: ctx.ui('role'), width: 1.3 },
    { header: ctx.ui('name'), width: 1.5 },
    { header: ctx.ui('phone'), width: 1.7, font: 'bold' },
    { header: ctx.ui('email'), width: 2 },
  ];
  const rows: Cell[][] = ctx.runbook.contacts.map((c) => [ctx.l(c.role), c.name, phone(c.phone), c.email]);
  drawTable(ctx.doc, columns, rows);
  minorHeading(ctx, ctx.ui('escalation'), rowHeight(ctx.doc, ['', '', '', 'x\nx'], columns, 400) * 2);
  drawEscalationTable(ctx);
}
