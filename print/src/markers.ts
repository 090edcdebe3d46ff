import { SIZE, setFont } from './layout.ts';

/** An empty square to tick with a pen. Vector, because emoji and box glyphs vanish on some printers. */
export function checkbox(doc: PDFKit.PDFDocument, x: number, y: number, size = 10): void {
  doc.save().lineWidth(0.9).strokeColor('black').rect(x, y, size, size).stroke().restore();
}

/** A warning triangle with an exclamation mark. */
export function warningSign(doc: PDFKit.PDFDocument, x: number, y: number, size = 11, color = 'black'): void {
  const h = size * 0.9;
  doc
    .save()
    .lineWidth(1.1)
    .lineJoin('round')
    .strokeColor(color)
    .fillColor(color)
    .polygon([x + size / 2, y], [x + size, y + h], [x, y + h])
    .stroke()
    .moveTo(x + size / 2, y + h * 0.32)
    .lineTo(x + size / 2, y + h * 0.66)
    .lineWidth(1.3)
    .stroke()
    .circle(x + size / 2, y + h * 0.82, 0.8)
    .fill()
    .restore();
}

/** Width of the badge `badge` would draw. */
export function badgeWidth(doc: PDFKit.PDFDocument, label: string): number {
  setFont(doc, 'bold', SIZE.small);
  return doc.widthOfString(label) + 24;
}

/**
 * A black box with a white triangle and label: the one mark a photocopy cannot wash out.
 * Draws at (x, y) and leaves the cursor where it was.
 */
export function badge(doc: PDFKit.PDFDocument, label: string, x: number, y: number): void {
  const savedY = doc.y;
  const width = badgeWidth(doc, label);
  const height = SIZE.small + 6;
  doc.save().rect(x, y, width, height).fill('black').restore();
  warningSign(doc, x + 4, y + 3, 10, 'white');
  setFont(doc, 'bold', SIZE.small, 'white');
  doc.text(label, x + 18, y + 3.5, { lineBreak: false });
  doc.fillColor('black');
  doc.y = savedY;
}
