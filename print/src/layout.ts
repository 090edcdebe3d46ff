import { createRequire } from 'node:module';
import { type Lang, type Localized, localize, type Runbook, t, type UiKey } from '@runbook/core';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { shareLayouts } from './shaping.ts';

const require = createRequire(import.meta.url);

/** A4 in points. Margins leave room for the footer and for hole punching on the left. */
export const PAGE = { width: 595.28, height: 841.89, top: 48, bottom: 62, left: 54, right: 44 } as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export type FontName = 'sans' | 'bold' | 'mono' | 'mono-bold';

const FONT_FILES: Record<FontName, string> = {
  sans: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
  'mono-bold': 'DejaVuSansMono-Bold.ttf',
};

/** Read by someone tired under a fluorescent tube: nothing of substance below 10 pt. */
export const SIZE = { body: 10.5, small: 10, footer: 9, code: 10, h1: 20, h2: 15, h3: 12 } as const;

/** Grey levels that survive a black-and-white laser printer. */
export const GREY = { fill: '#e6e6e6', rule: '#555555', text: '#333333' } as const;
/** What is not a value yet (a number to fill in, a sample answer): lighter than any value, still legible. */
export const PLACEHOLDER = '#767676';

let fonts: Record<FontName, fontkit.Font> | undefined;

/**
 * Fonts parsed once per process and shared by every document: parsing and shaping caches are most of
 * pdfkit's cost, and each document still embeds its own subset, so the bytes do not change.
 */
function loadFonts(): Record<FontName, fontkit.Font> {
  fonts ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([name, file]) => [
      name,
      fontkit.openSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)),
    ]),
  ) as Record<FontName, fontkit.Font>;
  return fonts;
}

/** Everything a section needs to draw: the document, the data, and the language. */
export interface Ctx {
  doc: PDFKit.PDFDocument;
  runbook: Runbook;
  lang: Lang;
  hash: string;
  ui: (key: UiKey) => string;
  l: (text: Localized) => string;
}

export interface DocInfo {
  title: string;
  keywords: string;
  subject: string;
  date: Date;
  lang: Lang;
}

export function createDocument(info: DocInfo): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    // Footers need every page's final count, so pages stay in memory until the end.
    bufferPages: true,
    autoFirstPage: true,
    lang: info.lang,
    displayTitle: true,
    info: {
      Title: info.title,
      Subject: info.subject,
      Keywords: info.keywords,
      Creator: '@runbook/print',
      Producer: 'PDFKit',
      // Fixed dates: pdfkit derives the file ID from them, so the bytes depend on the data alone.
      CreationDate: info.date,
      ModDate: info.date,
    },
  });
  for (const [name, font] of Object.entries(loadFonts())) doc.registerFont(name, font as unknown as string);
  shareLayouts(doc);
  doc.font('sans').fontSize(SIZE.body).fillColor('black').strokeColor('black');
  return doc;
}

export function makeCtx(doc: PDFKit.PDFDocument, runbook: Runbook, lang: Lang, hash: string): Ctx {
  return { doc, runbook, lang, hash, ui: (key) => t(key, lang), l: (text) => localize(text, lang) };
}

export function setFont(doc: PDFKit.PDFDocument, font: FontName, size: number, color = 'black'): void {
  doc.font(font).fontSize(size).fillColor(color);
}

/** The lowest y content may reach on a page. */
export function bottomLimit(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when `height` points will not fit below the cursor. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > bottomLimit(doc) + 0.01) newPage(doc);
}

/** What to draw at the top of the next pages while a block that may cross them is being drawn. */
const continuations = new WeakMap<PDFKit.PDFDocument, () => void>();

/** `draw` runs at the top of each page `newPage` starts until `whileDrawing` returns. */
export function withContinuation(doc: PDFKit.PDFDocument, draw: () => void, whileDrawing: () => void): void {
  const previous = continuations.get(doc);
  continuations.set(doc, draw);
  try {
    whileDrawing();
  } finally {
    if (previous) continuations.set(doc, previous);
    else continuations.delete(doc);
  }
}

export function newPage(doc: PDFKit.PDFDocument): void {
  doc.addPage();
  doc.x = PAGE.left;
  doc.y = PAGE.top;
  continuations.get(doc)?.();
}

/** Height available on an empty page. */
export function pageRoom(doc: PDFKit.PDFDocument): number {
  return bottomLimit(doc) - PAGE.top;
}

export interface TextStyle {
  font?: FontName;
  size?: number;
  color?: string;
  indent?: number;
  width?: number;
  gap?: number;
}

/** What pdfkit's `heightOfString` depends on besides the text and the width. */
interface TextState {
  _font: { name: string } | null;
  _fontSize: number;
  _lineGap: number;
  _wrapper: unknown;
  _textOptions: unknown;
}

const heights = new Map<string, number>();

/**
 * `doc.heightOfString(text, { width })` in the current font and size, remembered for the process: the layout
 * measures the same labels and cells many times (to keep blocks together, then to draw them), and wrapping a
 * text again costs as much as the first time. The height depends on nothing else while no `continued` text is
 * open (pdfkit then measures with that text's options).
 */
export function heightOf(doc: PDFKit.PDFDocument, text: string, width: number): number {
  const state = doc as unknown as TextState;
  if (state._wrapper || state._textOptions || !state._font) return doc.heightOfString(text, { width });
  const key = `${state._font.name}\u0000${state._fontSize}\u0000${state._lineGap}\u0000${width}\u0000${text}`;
  let height = heights.get(key);
  if (height === undefined) {
    height = doc.heightOfString(text, { width });
    heights.set(key, height);
  }
  return height;
}

export function measure(doc: PDFKit.PDFDocument, text: string, style: TextStyle = {}): number {
  setFont(doc, style.font ?? 'sans', style.size ?? SIZE.body);
  const width = style.width ?? CONTENT_WIDTH - (style.indent ?? 0);
  return heightOf(doc, text, width) + (style.gap ?? 0);
}

/** A paragraph; it may flow onto the next page, but never starts in the last sliver of one. */
export function para(doc: PDFKit.PDFDocument, text: string, style: TextStyle = {}): void {
  const size = style.size ?? SIZE.body;
  ensureSpace(doc, size * 2.4);
  setFont(doc, style.font ?? 'sans', size, style.color);
  const indent = style.indent ?? 0;
  doc.text(text, PAGE.left + indent, doc.y, { width: style.width ?? CONTENT_WIDTH - indent });
  doc.y += style.gap ?? 3;
  doc.x = PAGE.left;
  doc.fillColor('black');
}

/** `Label : value` with the label in bold, wrapped as one paragraph. */
export function labelled(ctx: Ctx, label: string, value: string, style: TextStyle = {}): void {
  const { doc } = ctx;
  const size = style.size ?? SIZE.body;
  const indent = style.indent ?? 0;
  const sep = ctx.lang === 'fr' ? ' : ' : ': ';
  ensureSpace(doc, size * 2.4);
  setFont(doc, 'bold', size);
  doc.text(`${label}${sep}`, PAGE.left + indent, doc.y, { width: CONTENT_WIDTH - indent, continued: true });
  doc.font('sans').text(value);
  doc.y += style.gap ?? 3;
  doc.x = PAGE.left;
}

export function labelledHeight(ctx: Ctx, label: string, value: string, indent = 0): number {
  const sep = ctx.lang === 'fr' ? ' : ' : ': ';
  // Bold is wider than regular: measuring it all in bold errs on the safe side.
  return measure(ctx.doc, `${label}${sep}${value}`, { font: 'bold', indent }) + 3;
}

export function rule(doc: PDFKit.PDFDocument, y: number, width = 0.6, color = 'black'): void {
  doc
    .save()
    .lineWidth(width)
    .strokeColor(color)
    .moveTo(PAGE.left, y)
    .lineTo(PAGE.width - PAGE.right, y)
    .stroke()
    .restore();
}
