import type { Checklist } from '@runbook/core';
import { minorHeading, type NavCtx, sectionHeading } from '../headings.ts';
import { CONTENT_WIDTH, type Ctx, ensureSpace, GREY, measure, PAGE, SIZE, setFont } from '../layout.ts';
import { checkbox } from '../markers.ts';

const BOX = 12;
const INDENT = 22;

/** `capture-state/check-state` → the procedure and step titles a reader can find in this document. */
function refText(ctx: Ctx, ref: string): string | null {
  const [procedureId, stepId] = ref.split('/');
  const procedure = ctx.runbook.procedures.find((p) => p.id === procedureId);
  if (!procedure) return null;
  const index = stepId ? procedure.steps.findIndex((s) => s.id === stepId) : -1;
  const step = procedure.steps[index];
  return step
    ? `→ ${ctx.l(procedure.title)}, ${index + 1}. ${ctx.l(step.title)}`
    : `→ ${ctx.l(procedure.title)}`;
}

function itemHeight(ctx: Ctx, label: string, ref: string | null): number {
  const h = measure(ctx.doc, label, { indent: INDENT });
  return (ref ? h + measure(ctx.doc, ref, { indent: INDENT, size: SIZE.small }) : h) + 7;
}

export function drawChecklist(ctx: Ctx, checklist: Checklist): void {
  const { doc } = ctx;
  const items = checklist.items.map((item) => ({
    label: ctx.l(item.label),
    ref: item.ref ? refText(ctx, item.ref) : null,
  }));
  const first = items[0]!;
  minorHeading(ctx, ctx.l(checklist.title), itemHeight(ctx, first.label, first.ref));
  for (const item of items) {
    ensureSpace(doc, itemHeight(ctx, item.label, item.ref));
    const top = doc.y + 2;
    checkbox(doc, PAGE.left + 2, top, BOX);
    setFont(doc, 'sans', SIZE.body);
    doc.text(item.label, PAGE.left + INDENT, top + 1, { width: CONTENT_WIDTH - INDENT });
    if (item.ref) {
      setFont(doc, 'sans', SIZE.small, GREY.text);
      doc.text(item.ref, PAGE.left + INDENT, doc.y, { width: CONTENT_WIDTH - INDENT });
      doc.fillColor('black');
    }
    doc.y = Math.max(doc.y, top + BOX) + 5;
  }
  doc.y += 6;
}

export function drawChecklists(ctx: NavCtx): void {
  sectionHeading(ctx, 'checklists', ctx.ui('checklists'), { newPage: true });
  for (const checklist of ctx.runbook.checklists.filter((c) => c.phase !== 'post-mortem'))
    drawChecklist(ctx, checklist);
}
