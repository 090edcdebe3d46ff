import { escalationAt } from '@runbook/core';
import { codeLineHeight, drawCode } from './code.ts';
import { colon, phone } from './format.ts';
import { type NavCtx, registerAnchor } from './headings.ts';
import { CONTENT_WIDTH, type Ctx, GREY, PAGE, para, rule, SIZE, setFont } from './layout.ts';
import { warningSign } from './markers.ts';
import type { ReviewStatus } from './review.ts';
import { drawEscalationTable } from './sections/contacts.ts';
import { drawCriteriaTable } from './sections/criteria.ts';
import { blockLabel } from './sections/step.ts';

/** Bold labels and regular values on one line, wrapped as one paragraph. */
function facts(ctx: Ctx, pairs: ReadonlyArray<readonly [string, string]>, size: number = SIZE.body): void {
  const { doc } = ctx;
  pairs.forEach(([label, value], i) => {
    const last = i === pairs.length - 1;
    setFont(doc, 'bold', size);
    const lead = `${i > 0 ? '   ·   ' : ''}${label}${colon(ctx)}`;
    // Every piece gets the full width: pdfkit measures a continued piece from the left margin.
    if (i === 0) doc.text(lead, PAGE.left, doc.y, { continued: true, width: CONTENT_WIDTH });
    else doc.text(lead, { continued: true, width: CONTENT_WIDTH });
    doc.font('sans').text(value, { continued: !last, width: CONTENT_WIDTH });
  });
  doc.x = PAGE.left;
}

/** Black band, white text: an overdue review is the first thing a reader must see. */
function overdueBanner(ctx: Ctx, review: ReviewStatus): void {
  const { doc } = ctx;
  const text = `${ctx.ui('reviewOverdue')}   ·   ${ctx.ui('reviewDue')}${colon(ctx)}${review.due}`;
  setFont(doc, 'bold', SIZE.h3);
  const height = doc.heightOfString(text, { width: CONTENT_WIDTH - 40 }) + 12;
  const top = doc.y;
  doc.save().rect(PAGE.left, top, CONTENT_WIDTH, height).fill('black').restore();
  warningSign(doc, PAGE.left + 9, top + (height - 16) / 2, 18, 'white');
  setFont(doc, 'bold', SIZE.h3, 'white');
  doc.text(text, PAGE.left + 34, top + 6, { width: CONTENT_WIDTH - 40 });
  doc.fillColor('black');
  doc.x = PAGE.left;
  doc.y = top + height + 8;
}

function heading(ctx: Ctx, text: string): void {
  const { doc } = ctx;
  doc.y += 5;
  setFont(doc, 'bold', SIZE.h3 + 1);
  doc.text(text, PAGE.left, doc.y);
  rule(doc, doc.y + 1, 0.8);
  doc.y += 5;
}

/** Page 1: what to decide, what to type, whom to call; enough to act without turning the page. */
export function drawCover(ctx: NavCtx, review: ReviewStatus): void {
  const { doc, runbook } = ctx;
  const { meta } = runbook;
  registerAnchor(ctx, 'quick-reference', ctx.ui('quickReference'), 1);
  setFont(doc, 'bold', SIZE.small, GREY.text);
  doc.text(ctx.ui('quickReference').toUpperCase(), PAGE.left, doc.y);
  setFont(doc, 'bold', SIZE.h2 + 1);
  doc.text(ctx.l(meta.title), PAGE.left, doc.y + 2, { width: CONTENT_WIDTH });
  rule(doc, doc.y + 2, 1.6);
  doc.y += 8;
  facts(ctx, [
    [ctx.ui('version'), meta.version],
    [ctx.ui('lastReviewed'), meta.lastReviewed],
  ]);
  // The hash is what a reader compares with `print-hash`: its own line, in the code face.
  setFont(doc, 'bold', SIZE.body);
  doc.text(`${ctx.ui('contentHash')}${colon(ctx)}`, PAGE.left, doc.y + 2, {
    continued: true,
    width: CONTENT_WIDTH,
  });
  doc.font('mono-bold').fontSize(SIZE.h3).text(ctx.hash, { width: CONTENT_WIDTH });
  doc.y += 4;
  if (review.overdue) overdueBanner(ctx, review);
  else facts(ctx, [[ctx.ui('reviewDue'), review.due]]);
  para(doc, ctx.l(meta.notice), { size: SIZE.small, gap: 2 });

  const now = runbook.quickCommands.find((q) => q.id === 'rollback-now');
  if (now) {
    heading(ctx, `${ctx.ui('rollbackNow')} · ${ctx.l(now.title)}`);
    blockLabel(ctx, ctx.ui('withTool'), 0, codeLineHeight(doc) + 8);
    drawCode(doc, now.runbook);
    blockLabel(ctx, ctx.ui('manual'), 0, codeLineHeight(doc) + 8);
    drawCode(doc, now.manual);
  }

  heading(ctx, ctx.ui('criteria'));
  drawCriteriaTable(ctx, false);

  doc.y += 4;
  for (const contact of escalationAt(runbook, 0).contacts) {
    setFont(doc, 'bold', SIZE.h2);
    doc.text(`${ctx.ui('onCall')}${colon(ctx)}${phone(contact.phone)}   `, PAGE.left, doc.y, {
      continued: true,
      width: CONTENT_WIDTH,
    });
    doc.font('sans').text(`${contact.name} (${ctx.l(contact.role)})`, { width: CONTENT_WIDTH });
  }
  doc.y += 3;
  drawEscalationTable(ctx, true);
  para(doc, ctx.ui('printCheckHint'), { size: SIZE.small, gap: 1 });
  para(doc, ctx.ui('continuationLegend'), { size: SIZE.small });
}
