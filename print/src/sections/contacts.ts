import { phoneText } from '@runbook/core';
import { levelSpan, phone } from '../format.ts';
import { minorHeading, type NavCtx, sectionHeading } from '../headings.ts';
import type { Ctx } from '../layout.ts';
import { type Cell, COMPACT, type Column, drawTable, type Part, rowHeight } from '../table.ts';

/**
 * A phone as a table cell: a real number in bold, never cut across lines; a placeholder (`+33 6 XX…`) reads
 * "number to fill in" in regular grey, so that nobody takes it for a number to dial.
 */
function phonePart(ctx: Ctx, number: string, after = ''): Part {
  const { text, tel } = phoneText(number, ctx.lang);
  if (tel) return { text: `${phone(text)}${after}`, font: 'bold' };
  return {
    text,
    font: 'sans',
    placeholder: true,
    ...(after ? { suffix: { text: after, font: 'bold' as const } } : {}),
  };
}

function contactLines(ctx: Ctx, ids: readonly string[]): Part[] {
  return ids
    .map((id) => ctx.runbook.contacts.find((c) => c.id === id))
    .filter((c) => c !== undefined)
    .map((c) => phonePart(ctx, c.phone, `  ${c.name} (${ctx.l(c.role)})`));
}

/** The escalation ladder with every contact resolved to a name and a number: nobody looks anything up. */
export function drawEscalationTable(ctx: Ctx, compact = false): void {
  // The card's compact table is tuned to keep the card on one page; the contacts page has room to wrap.
  const [level, when, label, who] = compact ? [0.76, 0.95, 1.69, 4.6] : [0.9, 1, 1.8, 4.3];
  const columns: Column[] = [
    { header: ctx.ui('level'), width: level },
    { header: ctx.ui('escalationWhen'), width: when },
    { header: ctx.ui('escalation'), width: label },
    { header: `${ctx.ui('phone')} · ${ctx.ui('name')}`, width: who, font: 'bold' },
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
  const rows: Cell[][] = ctx.runbook.contacts.map((c) => [
    ctx.l(c.role),
    c.name,
    [phonePart(ctx, c.phone)],
    c.email,
  ]);
  drawTable(ctx.doc, columns, rows);
  minorHeading(ctx, ctx.ui('escalation'), rowHeight(ctx.doc, ['', '', '', 'x\nx'], columns, 400) * 2);
  drawEscalationTable(ctx);
}
