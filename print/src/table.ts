import {
  bottomLimit,
  CONTENT_WIDTH,
  type FontName,
  GREY,
  heightOf,
  newPage,
  PAGE,
  PLACEHOLDER,
  SIZE,
  setFont,
} from './layout.ts';

/** One paragraph of a cell; a cell stacks several (a label in bold over its description). */
export interface Part {
  text: string;
  font?: FontName;
  size?: number;
  /** Not a value yet (a number to fill in): printed in the placeholder grey. */
  placeholder?: boolean;
  /** Text that follows on the same line in black, in its own font (a name after a number to fill in). */
  suffix?: { text: string; font: FontName };
}
export type Cell = string | Part[];

export interface Column {
  header: string;
  /** Share of the table width; the shares are normalised. */
  width: number;
  font?: FontName;
}

export interface TableStyle {
  /** Body size of the cells; the cover uses the smallest allowed to stay on one page. */
  size: number;
  pad: number;
}
const DEFAULT_STYLE: TableStyle = { size: SIZE.body, pad: 4 };
export const COMPACT: TableStyle = { size: SIZE.small, pad: 2.5 };

function parts(cell: Cell, column: Column): Part[] {
  return typeof cell === 'string' ? [{ text: cell, font: column.font }] : cell;
}

function widths(columns: readonly Column[], total: number): number[] {
  const sum = columns.reduce((a, c) => a + c.width, 0);
  return columns.map((c) => (c.width / sum) * total);
}

function cellHeight(
  doc: PDFKit.PDFDocument,
  cell: Cell,
  column: Column,
  width: number,
  style: TableStyle,
): number {
  return parts(cell, column).reduce((h, part) => {
    const size = part.size ?? style.size;
    setFont(doc, part.font ?? 'sans', size);
    if (!part.suffix) return h + heightOf(doc, part.text || ' ', width - 2 * style.pad) + 1;
    const head = doc.widthOfString(part.text);
    setFont(doc, part.suffix.font, size);
    return h + heightOf(doc, part.suffix.text, width - 2 * style.pad - head) + 1;
  }, 0);
}

export function rowHeight(
  doc: PDFKit.PDFDocument,
  row: readonly Cell[],
  columns: readonly Column[],
  total: number,
  style: TableStyle = DEFAULT_STYLE,
): number {
  const ws = widths(columns, total);
  return Math.max(...row.map((cell, i) => cellHeight(doc, cell, columns[i]!, ws[i]!, style))) + 2 * style.pad;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  row: readonly Cell[],
  columns: readonly Column[],
  x0: number,
  total: number,
  header: boolean,
  style: TableStyle,
): void {
  const ws = widths(columns, total);
  const height = rowHeight(doc, row, columns, total, style);
  const top = doc.y;
  if (header) doc.save().rect(x0, top, total, height).fill(GREY.fill).restore();
  let x = x0;
  row.forEach((cell, i) => {
    let y = top + style.pad;
    for (const part of parts(cell, columns[i]!)) {
      setFont(doc, part.font ?? 'sans', part.size ?? style.size, part.placeholder ? PLACEHOLDER : 'black');
      const width = ws[i]! - 2 * style.pad;
      if (part.suffix) {
        // The suffix wraps in the room right of the text, which stays on one line.
        const head = doc.widthOfString(part.text);
        doc.text(part.text, x + style.pad, y, { lineBreak: false });
        setFont(doc, part.suffix.font, part.size ?? style.size);
        doc.text(part.suffix.text, x + style.pad + head, y, { width: width - head });
      } else doc.text(part.text, x + style.pad, y, { width });
      doc.fillColor('black');
      y = doc.y + 1;
    }
    x += ws[i]!;
  });
  doc
    .save()
    .lineWidth(header ? 0.9 : 0.5)
    .strokeColor(header ? 'black' : GREY.rule)
    .moveTo(x0, top + height)
    .lineTo(x0 + total, top + height)
    .stroke()
    .restore();
  doc.x = PAGE.left;
  doc.y = top + height;
}

/**
 * A table whose rows never split: a row that does not fit goes to the next page, under a repeated header.
 */
export function drawTable(
  doc: PDFKit.PDFDocument,
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  options: { indent?: number; style?: TableStyle } = {},
): void {
  const indent = options.indent ?? 0;
  const style = options.style ?? DEFAULT_STYLE;
  const x0 = PAGE.left + indent;
  const total = CONTENT_WIDTH - indent;
  const header: Cell[] = columns.map((c) => [{ text: c.header, font: 'bold' }]);
  const headerHeight = rowHeight(doc, header, columns, total, style);
  const fits = (h: number) => doc.y + h <= bottomLimit(doc) + 0.01;
  // The header never ends a page alone: it goes with the first row.
  if (!fits(headerHeight + rowHeight(doc, rows[0] ?? header, columns, total, style))) newPage(doc);
  rule(doc, x0, total);
  drawRow(doc, header, columns, x0, total, true, style);
  for (const row of rows) {
    if (!fits(rowHeight(doc, row, columns, total, style))) {
      newPage(doc);
      rule(doc, x0, total);
      drawRow(doc, header, columns, x0, total, true, style);
    }
    drawRow(doc, row, columns, x0, total, false, style);
  }
  doc.y += 8;
}

function rule(doc: PDFKit.PDFDocument, x0: number, total: number): void {
  doc
    .save()
    .lineWidth(0.9)
    .moveTo(x0, doc.y)
    .lineTo(x0 + total, doc.y)
    .stroke()
    .restore();
}
