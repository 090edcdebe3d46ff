import { type Ctx, GREY, PAGE, SIZE, setFont } from './layout.ts';

/** Written last, on every buffered page: page x / y, version and hash, so a loose sheet still says what it is. */
export function drawFooters(ctx: Ctx): void {
  const { doc, runbook } = ctx;
  const { start, count } = doc.bufferedPageRange();
  const left = `${ctx.ui('version')} ${runbook.meta.version}   ·   ${ctx.ui('contentHash')} ${ctx.hash}`;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would make pdfkit open a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - PAGE.bottom + 18;
    doc
      .save()
      .lineWidth(0.5)
      .strokeColor(GREY.rule)
      .moveTo(PAGE.left, y - 5)
      .lineTo(doc.page.width - PAGE.right, y - 5)
      .stroke()
      .restore();
    setFont(doc, 'sans', SIZE.footer);
    doc.text(left, PAGE.left, y, { lineBreak: false });
    const page = `${ctx.ui('page')} ${i + 1} / ${count}`;
    setFont(doc, 'bold', SIZE.footer);
    doc.text(page, doc.page.width - PAGE.right - doc.widthOfString(page), y, { lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
