import type { Step } from '@runbook/core';
import { codeHeight, codeLineHeight, drawCode } from '../code.ts';
import {
  type Ctx,
  ensureSpace,
  GREY,
  labelled,
  labelledHeight,
  measure,
  PAGE,
  pageRoom,
  para,
  SIZE,
  setFont,
  withContinuation,
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

/** A command as printed: an example (to adapt before use) is framed and labelled as such. */
export type Printed = string | { code: string; example?: boolean | undefined };

function parts(ctx: Ctx, printed: Printed): [string, string | undefined] {
  if (typeof printed === 'string') return [printed, undefined];
  return [printed.code, printed.example ? ctx.ui('exampleAdapt') : undefined];
}

/** Label + commands, the label kept with the first command line. */
export function commandBlock(ctx: Ctx, label: string, codes: readonly Printed[], indent: number): void {
  if (codes.length === 0) return;
  blockLabel(ctx, label, indent, codeLineHeight(ctx.doc) + 8);
  for (const printed of codes) {
    const [code, example] = parts(ctx, printed);
    drawCode(ctx.doc, code, indent, example);
  }
}

function commandBlockHeight(ctx: Ctx, label: string, codes: readonly Printed[], indent: number): number {
  if (codes.length === 0) return 0;
  const { doc } = ctx;
  const labelHeight = measure(doc, label, { font: 'bold', size: SIZE.small, indent }) + 2;
  return (
    labelHeight +
    codes.reduce((h, printed) => {
      const [code, example] = parts(ctx, printed);
      return h + codeHeight(doc, code, indent, example) + 4;
    }, 0)
  );
}

/** Moves to a new page when `height` does not fit below but fits on a page; a taller block just starts. */
function keepTogether(doc: PDFKit.PDFDocument, height: number): void {
  if (height <= pageRoom(doc)) ensureSpace(doc, height);
}

interface StepText {
  title: string;
  titleWidth: number;
  badgeRoom: number;
  explanation: string;
  manual: Printed[];
  expected: string;
  verify: string;
}

function stepText(ctx: Ctx, step: Step, number: number): StepText {
  const { doc } = ctx;
  const badgeRoom = step.destructive ? badgeWidth(doc, ctx.ui('destructive')) + 8 : 0;
  return {
    title: `${number}. ${ctx.l(step.title)}`,
    titleWidth: doc.page.width - PAGE.left - PAGE.right - STEP_INDENT - badgeRoom,
    badgeRoom,
    explanation: ctx.l(step.explanation),
    manual: step.commands.map((c) => ({ code: c.code, example: c.example })),
    expected: ctx.l(step.expected),
    verify: ctx.l(step.verify),
  };
}

function titleHeight(ctx: Ctx, step: Step, text: StepText): number {
  const h = measure(ctx.doc, text.title, { font: 'bold', size: SIZE.h3, width: text.titleWidth });
  return Math.max(h, step.destructive ? SIZE.small + 8 : 0) + 3;
}

/** The whole step's height as `drawStep` draws it, rounded up. */
function stepHeight(ctx: Ctx, step: Step, text: StepText): number {
  const { doc } = ctx;
  return (
    titleHeight(ctx, step, text) +
    measure(doc, text.explanation, { indent: STEP_INDENT, gap: 5 }) +
    commandBlockHeight(ctx, ctx.ui('withTool'), step.runbook ? [step.runbook] : [], STEP_INDENT) +
    commandBlockHeight(ctx, ctx.ui('manual'), text.manual, STEP_INDENT) +
    labelledHeight(ctx, ctx.ui('expected'), text.expected, STEP_INDENT) +
    labelledHeight(ctx, ctx.ui('verify'), text.verify, STEP_INDENT) +
    3 +
    4
  );
}

/** Top of a page a step continues on: its number and title again, and its badge, so no command is unmarked. */
function continuedHeader(ctx: Ctx, step: Step, text: StepText): void {
  const { doc } = ctx;
  const top = doc.y;
  if (step.destructive)
    badge(doc, ctx.ui('destructive'), doc.page.width - PAGE.right - text.badgeRoom + 8, top);
  setFont(doc, 'bold', SIZE.small, GREY.text);
  doc.text(`${text.title} (…)`, PAGE.left + STEP_INDENT, top + 3, { width: text.titleWidth });
  doc.fillColor('black');
  doc.x = PAGE.left;
  doc.y = Math.max(doc.y, top + (step.destructive ? SIZE.small + 6 : 0)) + 6;
}

/**
 * A step stays on one page when it fits on one; a longer one keeps its title with the first command, and
 * every page it continues on starts with its title and badge.
 */
export function drawStep(ctx: Ctx, step: Step, number: number): void {
  const { doc } = ctx;
  const text = stepText(ctx, step, number);
  const firstCode = step.runbook ?? step.commands[0]?.code;
  const head =
    titleHeight(ctx, step, text) +
    measure(doc, text.explanation, { indent: STEP_INDENT }) +
    (firstCode ? 24 + Math.min(codeHeight(doc, firstCode, STEP_INDENT), 60) : 0);
  doc.y += 6;
  const whole = stepHeight(ctx, step, text);
  ensureSpace(doc, whole <= pageRoom(doc) ? whole : head);

  const top = doc.y;
  checkbox(doc, PAGE.left, top + 1.5, 11);
  if (step.destructive)
    badge(doc, ctx.ui('destructive'), doc.page.width - PAGE.right - text.badgeRoom + 8, top);
  setFont(doc, 'bold', SIZE.h3);
  doc.text(text.title, PAGE.left + STEP_INDENT, top, { width: text.titleWidth });
  doc.y = Math.max(doc.y, top + (step.destructive ? SIZE.small + 8 : 0)) + 3;

  withContinuation(
    doc,
    () => continuedHeader(ctx, step, text),
    () => drawStepBody(ctx, step, text),
  );
}

function drawStepBody(ctx: Ctx, step: Step, text: StepText): void {
  const { doc } = ctx;
  keepTogether(doc, measure(doc, text.explanation, { indent: STEP_INDENT, gap: 5 }));
  para(doc, text.explanation, { indent: STEP_INDENT, gap: 5 });
  const tool = step.runbook ? [step.runbook] : [];
  keepTogether(doc, commandBlockHeight(ctx, ctx.ui('withTool'), tool, STEP_INDENT));
  commandBlock(ctx, ctx.ui('withTool'), tool, STEP_INDENT);
  keepTogether(doc, commandBlockHeight(ctx, ctx.ui('manual'), text.manual, STEP_INDENT));
  commandBlock(ctx, ctx.ui('manual'), text.manual, STEP_INDENT);
  ensureSpace(doc, labelledHeight(ctx, ctx.ui('expected'), text.expected, STEP_INDENT));
  labelled(ctx, ctx.ui('expected'), text.expected, { indent: STEP_INDENT });
  keepTogether(doc, labelledHeight(ctx, ctx.ui('verify'), text.verify, STEP_INDENT));
  labelled(ctx, ctx.ui('verify'), text.verify, { indent: STEP_INDENT, gap: 6 });
}
