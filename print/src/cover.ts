import { escalationAt, phoneText } from '@runbook/core';
import { colon, phone } from './format.ts';
import { type NavCtx, registerAnchor } from './headings.ts';
import {
  CONTENT_WIDTH,
  type Ctx,
  GREY,
  heightOf,
  PAGE,
  PLACEHOLDER,
  para,
  rule,
  SIZE,
  setFont,
} from './layout.ts';
import { warningSign } from './markers.ts';
import { badgeRoom, drawQuickCommandBody, headingBadge } from './quick.ts';
import type { ReviewStatus } from './review.ts';
import { drawEscalationTable } from './sections/contacts.ts';
import { drawCriteriaTable } from './sections/criteria.ts';

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
  const height = heightOf(doc, text, CONTENT_WIDTH - 40) + 8;
  const top = doc.y;
  doc.save().rect(PAGE.left, top, CONTENT_WIDTH, height).fill('black').restore();
  warningSign(doc, PAGE.left + 9, top + (height - 16) / 2, 18, 'white');
  setFont(doc, 'bold', SIZE.h3, 'white');
  doc.text(text, PAGE.left + 34, top + 4, { width: CONTENT_WIDTH - 40 });
  doc.fillColor('black');
  doc.x = PAGE.left;
  doc.y = top + height + 6;
}

/** A heading of the card; `after` draws at its top (a badge) in the `room` it leaves on the right. */
function heading(ctx: Ctx, text: string, room = 0, after?: (top: number) => void): void {
  const { doc } = ctx;
  doc.y += 5;
  const top = doc.y;
  setFont(doc, 'bold', SIZE.h3 + 1);
  doc.text(text, PAGE.left, top, { width: CONTENT_WIDTH - room });
  after?.(top);
  rule(doc, Math.max(doc.y, top + (room > 0 ? SIZE.small + 6 : 0)) + 1, 0.8);
  doc.y = Math.max(doc.y, top + (room > 0 ? SIZE.small + 6 : 0)) + 5;
}

/** Whom to call first: a placeholder number reads "number to fill in", in regular grey, never bold like a real one. */
function onCallLine(ctx: Ctx, number: string, who: string): void {
  const { doc } = ctx;
  const { text, tel } = phoneText(number, ctx.lang);
  setFont(doc, 'bold', SIZE.h2);
  doc.text(`${ctx.ui('onCall')}${colon(ctx)}`, PAGE.left, doc.y, { continued: true, width: CONTENT_WIDTH });
  if (tel) doc.text(`${phone(text)}   `, { continued: true, width: CONTENT_WIDTH });
  else doc.font('sans').fillColor(PLACEHOLDER).text(`${text}   `, { continued: true, width: CONTENT_WIDTH });
  doc.font('sans').fillColor('black').text(who, { width: CONTENT_WIDTH });
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
    heading(ctx, `${ctx.ui('rollbackNow')} · ${ctx.l(now.title)}`, badgeRoom(ctx, now), (top) =>
      headingBadge(ctx, now, top),
    );
    drawQuickCommandBody(ctx, now, true);
  }

  heading(ctx, ctx.ui('criteria'));
  drawCriteriaTable(ctx, false);

  doc.y += 4;
  for (const contact of escalationAt(runbook, 0).contacts)
    onCallLine(ctx, contact.phone, `${contact.name} (${ctx.l(contact.role)})`);
  doc.y += 3;
  drawEscalationTable(ctx, true);
  para(doc, ctx.ui('continuationLegend'), { size: SIZE.small });
}
