import { chooseCut, quoted } from './breaks.ts';
import { CONTENT_WIDTH, ensureSpace, GREY, PAGE, SIZE, setFont } from './layout.ts';
import { warningSign } from './markers.ts';

/** Put at the end of a wrapped line. Nobody types it by accident, unlike `\`, which means something in bash. */
export const CONTINUATION = '↩';
/** Continuation lines are shifted right by this many characters, so they read as the same command. */
export const CONTINUATION_INDENT = 2;

export interface CodeLine {
  /** A slice of the command; the slices of one command, concatenated, give it back exactly. */
  text: string;
  /** Whether the command goes on on the next line (the line ends with the marker). */
  continued: boolean;
  /** Whether this line continues the previous one (it is indented). */
  continuation: boolean;
}

/**
 * Cuts a command into lines of at most `columns` characters, marker included. Cuts where the pieces still
 * read right (see breaks.ts): after a space outside quotes, before a flag rather than between it and its
 * value, after punctuation when a word is too long; never drops or adds a character.
 */
export function wrapCode(code: string, columns: number): CodeLine[] {
  const lines: CodeLine[] = [];
  for (const source of code.split('\n')) {
    const inside = quoted(source);
    let from = 0;
    let continuation = false;
    for (;;) {
      const room = columns - (continuation ? CONTINUATION_INDENT : 0);
      if (source.length - from <= room) break;
      // One column is kept for the marker.
      const cut = chooseCut(source, from, Math.max(1, room - 1), inside);
      lines.push({ text: source.slice(from, cut), continued: true, continuation });
      from = cut;
      continuation = true;
    }
    lines.push({ text: source.slice(from), continued: false, continuation });
  }
  return lines;
}

/** Monospace columns that fit in `width` points at the code size. */
export function columnsFor(doc: PDFKit.PDFDocument, width: number): number {
  setFont(doc, 'mono', SIZE.code);
  return Math.floor(width / doc.widthOfString('M'));
}

const PAD = 4;
const BAR = 2.5;

export function codeLineHeight(doc: PDFKit.PDFDocument): number {
  setFont(doc, 'mono', SIZE.code);
  return doc.currentLineHeight(true) + 1.5;
}

/** `example`: the label of a command to adapt before use, drawn as the block's first line. */
export function codeHeight(doc: PDFKit.PDFDocument, code: string, indent = 0, example?: string): number {
  const inner = CONTENT_WIDTH - indent - BAR - 2 * PAD;
  const lines = wrapCode(code, columnsFor(doc, inner)).length + (example ? 1 : 0);
  return lines * codeLineHeight(doc) + 2 * PAD;
}

/** An example's frame, a line at a time: dashed, on white, so it never looks like a command to run. */
function exampleFrame(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  width: number,
  height: number,
  edges: { top: boolean; bottom: boolean },
): void {
  doc.save().lineWidth(1).dash(3, { space: 2 }).strokeColor('black');
  doc
    .moveTo(x, y)
    .lineTo(x, y + height)
    .moveTo(x + width, y)
    .lineTo(x + width, y + height);
  if (edges.top) doc.moveTo(x, y).lineTo(x + width, y);
  if (edges.bottom) doc.moveTo(x, y + height).lineTo(x + width, y + height);
  doc.stroke().undash().restore();
}

/**
 * A command block: grey band with a black bar on the left, so it stays visible on a poor photocopy.
 * Drawn line by line so that a long block can cross a page break without losing a line. An example
 * (`example` is its label) gets a dashed frame on white instead, under its label.
 */
export function drawCode(doc: PDFKit.PDFDocument, code: string, indent = 0, example?: string): void {
  const x = PAGE.left + indent;
  const width = CONTENT_WIDTH - indent;
  const inner = width - BAR - 2 * PAD;
  const lines: Array<CodeLine | null> = [
    ...(example ? [null] : []),
    ...wrapCode(code, columnsFor(doc, inner)),
  ];
  const lineHeight = codeLineHeight(doc);
  setFont(doc, 'mono', SIZE.code);
  const charWidth = doc.widthOfString('M');
  lines.forEach((line, i) => {
    const first = i === 0;
    const last = i === lines.length - 1;
    const top = first ? PAD : 0;
    const bottom = last ? PAD : 0;
    ensureSpace(doc, lineHeight + top + bottom);
    const y = doc.y;
    const height = lineHeight + top + bottom;
    if (example) exampleFrame(doc, x, y, width, height, { top: first, bottom: last });
    else doc.save().rect(x, y, width, height).fill(GREY.fill).rect(x, y, BAR, height).fill('black').restore();
    if (line === null) {
      warningSign(doc, x + BAR + PAD, y + top + 1, 10);
      setFont(doc, 'bold', SIZE.small);
      doc.text(example!, x + BAR + PAD + 15, y + top + 1, { lineBreak: false });
    } else {
      const textX = x + BAR + PAD + (line.continuation ? CONTINUATION_INDENT * charWidth : 0);
      setFont(doc, 'mono', SIZE.code);
      doc.text(line.text, textX, y + top + 1, { lineBreak: false });
      if (line.continued) {
        setFont(doc, 'mono-bold', SIZE.code);
        doc.text(CONTINUATION, textX + line.text.length * charWidth, y + top + 1, { lineBreak: false });
      }
    }
    doc.x = PAGE.left;
    doc.y = y + height;
  });
  doc.y += 4;
}
