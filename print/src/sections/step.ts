import type { Step } from '@runbook/core';
import { codeHeight, codeLineHeight, drawCode } from '../code.ts';
import {
  type Ctx,
  ensureSpace,
  labelled,
  labelledHeight,
  measure,
  PAGE,
  para,
  SIZE,
  setFont,
} from '../layout.ts';
import { badge, badgeWidth, checkbox } from '../markers.ts';

/** Body of a step sits right of its tick box. */
export const STEP_INDENT = 18;

/** A small bold label that must stay with the first line of the block under it. */
export function blockLabel(ctx: Ctx, label: string, indent: number, keepWith: number): void {
  const { doc } = ctx;
  ensureSpace(doc, measure(doc, label, { font: 'bold', size: SIZE.small, indent }) + keepWith);
  setFont(doc, 'bold', SIZE.small);
  doc.text(label, PAGE.left + indent, doc.y);
  doc.y += 2;
}

/** Label + commands, the label kept with the first command line. */
export function commandBlock(ctx: Ctx, label: string, codes: readonly string[], indent: number): void {
  if (codes.length === 0) return;
  blockLabel(ctx, label, indent, codeLineHeight(ctx.doc) + 8);
  for (const code of codes) drawCode(ctx.doc, code, indent);
}

export function drawStep(ctx: Ctx, step: Step, number: number): void {
  const { doc } = ctx;
  const title = `${number}. ${ctx.l(step.title)}`;
  const destructive = ctx.ui('destructive');
  const badgeRoom = step.destructive ? badgeWidth(doc, destructive) + 8 : 0;
  const titleWidth = doc.page.width - PAGE.left - PAGE.right - STEP_INDENT - badgeRoom;
  const titleHeight = measure(doc, title, { font: 'bold', size: SIZE.h3, width: titleWidth });
  const explanation = ctx.l(step.explanation);
  // The title never ends a page: it goes with the explanation and the first command of the step.
  const firstCode = step.runbook ?? step.commands[0]?.code;
  const keep =
    titleHeight +
    6 +
    measure(doc, explanation, { indent: STEP_INDENT }) +
    (firstCode ? 24 + Math.min(codeHeight(doc, firstCode, STEP_INDENT), 60) : 0);
  doc.y += 6;
  ensureSpace(doc, keep);

  const top = doc.y;
  checkbox(doc, PAGE.left, top + 1.5, 11);
  if (step.destructive) badge(doc, destructive, doc.page.width - PAGE.right - badgeRoom + 8, top);
  setFont(doc, 'bold', SIZE.h3);
  doc.text(title, PAGE.left + STEP_INDENT, top, { width: titleWidth });
  doc.y = Math.max(doc.y, top + (step.destructive ? SIZE.small + 8 : 0)) + 3;

  para(doc, explanation, { indent: STEP_INDENT, gap: 5 });
  if (step.runbook) commandBlock(ctx, ctx.ui('withTool'), [step.runbook], STEP_INDENT);
  commandBlock(
    ctx,
    ctx.ui('manual'),
    step.commands.map((c) => c.code),
    STEP_INDENT,
  );
  const expected = ctx.l(step.expected);
  const verify = ctx.l(step.verify);
  ensureSpace(doc, labelledHeight(ctx, ctx.ui('expected'), expected, STEP_INDENT));
  labelled(ctx, ctx.ui('expected'), expected, { indent: STEP_INDENT });
  labelled(ctx, ctx.ui('verify'), verify, { indent: STEP_INDENT, gap: 6 });
}
