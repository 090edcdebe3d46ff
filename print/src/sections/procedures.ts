import { dataLossText, type Procedure, targetDurationText } from '@runbook/core';
import { codeLineHeight } from '../code.ts';
import { type NavCtx, sectionHeading, subHeading } from '../headings.ts';
import {
  CONTENT_WIDTH,
  type Ctx,
  ensureSpace,
  labelled,
  labelledHeight,
  measure,
  PAGE,
  SIZE,
  setFont,
} from '../layout.ts';
import { checkbox, warningSign } from '../markers.ts';
import { blockLabel, commandBlock, drawStep } from './step.ts';

/** The data-loss window, boxed with a warning sign: the one thing to read before restoring a database. */
function dataLossBox(ctx: Ctx, text: string): void {
  const { doc } = ctx;
  const label = ctx.ui('dataLossWindow');
  const inner = CONTENT_WIDTH - 34;
  const height =
    measure(doc, label, { font: 'bold', width: inner }) + measure(doc, text, { width: inner }) + 14;
  ensureSpace(doc, height + 6);
  const top = doc.y;
  doc.save().lineWidth(1.6).rect(PAGE.left, top, CONTENT_WIDTH, height).stroke().restore();
  warningSign(doc, PAGE.left + 8, top + 8, 16);
  setFont(doc, 'bold', SIZE.body);
  doc.text(label, PAGE.left + 30, top + 7, { width: inner });
  setFont(doc, 'sans', SIZE.body);
  doc.text(text, PAGE.left + 30, doc.y, { width: inner });
  doc.x = PAGE.left;
  doc.y = top + height + 8;
}

function drawPreconditions(ctx: Ctx, procedure: Procedure): void {
  if (procedure.preconditions.length === 0) return;
  const { doc } = ctx;
  blockLabel(ctx, ctx.ui('preconditions'), 0, 16);
  for (const condition of procedure.preconditions) {
    const text = ctx.l(condition);
    const height = measure(doc, text, { indent: 18 });
    ensureSpace(doc, height + 2);
    const top = doc.y;
    checkbox(doc, PAGE.left, top + 1.5, 10);
    setFont(doc, 'sans', SIZE.body);
    doc.text(text, PAGE.left + 18, top, { width: CONTENT_WIDTH - 18 });
    doc.y += 3;
  }
  doc.y += 3;
}

function drawProcedure(ctx: NavCtx, procedure: Procedure): void {
  const { doc } = ctx;
  const title = ctx.l(procedure.title);
  const whenToUse = ctx.l(procedure.whenToUse);
  subHeading(
    ctx,
    title,
    labelledHeight(ctx, ctx.ui('whenToUse'), whenToUse) + 30,
    `procedure-${procedure.id}`,
  );
  labelled(ctx, ctx.ui('whenToUse'), whenToUse);
  const duration = targetDurationText(procedure, ctx.lang);
  labelled(
    ctx,
    ctx.ui('targetDuration'),
    procedure.recommended ? `${duration}   ·   ${ctx.ui('recommended')}` : duration,
    {
      gap: 6,
    },
  );
  // The site and the PDF word it the same (core's dataLossText); only a stated window gets the warning box.
  if (procedure.dataLossWindow) dataLossBox(ctx, dataLossText(procedure, ctx.lang));
  else labelled(ctx, ctx.ui('dataLossWindow'), dataLossText(procedure, ctx.lang), { gap: 6 });
  drawPreconditions(ctx, procedure);
  commandBlock(ctx, ctx.ui('wholeProcedure'), [procedure.runbook], 0);
  blockLabel(ctx, ctx.ui('steps'), 0, 60 + codeLineHeight(doc));
  procedure.steps.forEach((step, i) => {
    drawStep(ctx, step, i + 1);
  });
}

export function drawProcedures(ctx: NavCtx): void {
  sectionHeading(ctx, 'procedures', ctx.ui('procedures'), { newPage: true });
  ctx.runbook.procedures.forEach((procedure, i) => {
    // Each procedure after the first starts on a fresh page: it is torn out and carried to a console.
    if (i > 0 && ctx.doc.y > PAGE.top + 1) {
      ctx.doc.addPage();
      ctx.doc.y = PAGE.top;
    }
    drawProcedure(ctx, procedure);
  });
}
