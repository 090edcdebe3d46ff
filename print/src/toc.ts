import type { Anchor, NavCtx } from './headings.ts';
import { bottomLimit, CONTENT_WIDTH, type FontName, heightOf, PAGE, rule, SIZE, setFont } from './layout.ts';

const LEVEL_INDENT = 18;
const NUMBER_WIDTH = 36;

interface Row {
  entry: Anchor;
  /** Page of the contents this row is on, counted from the first contents page. */
  sheet: number;
  y: number;
  height: number;
  font: FontName;
  size: number;
}

const style = (entry: Anchor) => ({
  indent: entry.level === 2 ? LEVEL_INDENT : 0,
  font: (entry.level === 1 ? 'bold' : 'sans') as FontName,
  size: entry.level === 1 ? SIZE.h3 : SIZE.body,
});

/** Where each row goes; measuring first tells how many pages the contents need before drawing any. */
export function layoutToc(
  doc: PDFKit.PDFDocument,
  entries: readonly Anchor[],
  note = '',
): { rows: Row[]; pages: number; note: { sheet: number; y: number } } {
  const rows: Row[] = [];
  let sheet = 0;
  setFont(doc, 'bold', SIZE.h1);
  let y = PAGE.top + doc.currentLineHeight(true) + 15;
  for (const entry of entries) {
    const { indent, font, size } = style(entry);
    setFont(doc, font, size);
    const height = heightOf(doc, entry.title, CONTENT_WIDTH - indent - NUMBER_WIDTH - 12) + 4;
    if (entry.level === 1) y += 6;
    if (y + height > bottomLimit(doc)) {
      sheet++;
      y = PAGE.top;
    }
    rows.push({ entry, sheet, y, height, font, size });
    y += height;
  }
  // The note under the contents: how to tell whether this paper is current.
  setFont(doc, 'sans', SIZE.small);
  y += 16;
  if (note && y + heightOf(doc, note, CONTENT_WIDTH) > bottomLimit(doc)) {
    sheet++;
    y = PAGE.top;
  }
  return { rows, pages: sheet + 1, note: { sheet, y } };
}

/**
 * The contents, drawn last onto pages kept blank for it (`first`, 0-based), when every section's page is
 * known. Every row is a link to its section.
 */
export function drawToc(ctx: NavCtx, entries: readonly Anchor[], first: number): void {
  const { doc } = ctx;
  doc.switchToPage(first);
  setFont(doc, 'bold', SIZE.h1);
  doc.text(ctx.ui('tableOfContents'), PAGE.left, PAGE.top);
  rule(doc, doc.y + 3, 1.6);
  const note = ctx.ui('printCheckHint');
  const layout = layoutToc(doc, entries, note);
  for (const row of layout.rows) {
    const { entry, y, height, font, size } = row;
    const { indent } = style(entry);
    doc.switchToPage(first + row.sheet);
    setFont(doc, font, size);
    const titleWidth = CONTENT_WIDTH - indent - NUMBER_WIDTH - 12;
    doc.text(entry.title, PAGE.left + indent, y, { width: titleWidth });
    const lastLineY = doc.y - doc.currentLineHeight(true);
    const textEnd = PAGE.left + indent + Math.min(doc.widthOfString(entry.title), titleWidth);
    const number = String(entry.page);
    const numberX = PAGE.left + CONTENT_WIDTH - doc.widthOfString(number);
    doc.text(number, numberX, lastLineY, { lineBreak: false });
    // Dotted leader drawn as a vector: text dots would land in the extracted text of the page.
    const leaderY = lastLineY + size * 0.85;
    if (numberX - 6 > textEnd + 6) {
      doc
        .save()
        .lineWidth(0.7)
        .dash(0.7, { space: 3 })
        .moveTo(textEnd + 6, leaderY)
        .lineTo(numberX - 6, leaderY)
        .stroke()
        .undash()
        .restore();
    }
    doc.goTo(PAGE.left + indent, y, CONTENT_WIDTH - indent, height, entry.id);
  }
  doc.switchToPage(first + layout.note.sheet);
  setFont(doc, 'sans', SIZE.small);
  doc.text(note, PAGE.left, layout.note.y, { width: CONTENT_WIDTH });
}
