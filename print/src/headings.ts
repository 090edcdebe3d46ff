import {
  CONTENT_WIDTH,
  type Ctx,
  ensureSpace,
  measure,
  newPage,
  PAGE,
  rule,
  SIZE,
  setFont,
} from './layout.ts';

/** A place the table of contents, the bookmarks and the links point to. */
export interface Anchor {
  /** Named destination in the PDF. */
  id: string;
  title: string;
  level: 1 | 2;
  /** 1-based page the heading is drawn on. */
  page: number;
}

/** What headings record while the document is drawn. */
export interface Navigation {
  anchors: Anchor[];
  /** The current level-1 bookmark, parent of level-2 ones. */
  parent: PDFKit.PDFOutline | null;
}

export function currentPage(doc: PDFKit.PDFDocument): number {
  // Pages are buffered and only the last one is drawn on until the footers, so the count is the page.
  return doc.bufferedPageRange().count;
}

export function registerAnchor(
  ctx: Ctx & { nav: Navigation },
  id: string,
  title: string,
  level: 1 | 2,
): void {
  const { doc, nav } = ctx;
  nav.anchors.push({ id, title, level, page: currentPage(doc) });
  doc.addNamedDestination(id, 'XYZ', PAGE.left, doc.y, null as unknown as number);
  if (level === 1) nav.parent = doc.outline.addItem(title);
  else (nav.parent ?? doc.outline).addItem(title);
}

export type NavCtx = Ctx & { nav: Navigation };

/** A top-level section: its own page when asked, a heavy rule under the title. */
export function sectionHeading(
  ctx: NavCtx,
  id: string,
  title: string,
  options: { newPage: boolean; keepWith?: number },
): void {
  const { doc } = ctx;
  if (options.newPage && doc.y > PAGE.top + 1) newPage(doc);
  else if (!options.newPage) {
    doc.y += 14;
    ensureSpace(doc, measure(doc, title, { font: 'bold', size: SIZE.h1 }) + (options.keepWith ?? 80));
  }
  registerAnchor(ctx, id, title, 1);
  setFont(doc, 'bold', SIZE.h1);
  doc.text(title, PAGE.left, doc.y);
  doc.y += 3;
  rule(doc, doc.y, 1.6);
  doc.y += 10;
}

/** A heading inside a section; `keepWith` is the height of what must follow it on the same page. */
export function subHeading(ctx: NavCtx, title: string, keepWith: number, id?: string): void {
  const { doc } = ctx;
  doc.y += 6;
  ensureSpace(doc, measure(doc, title, { font: 'bold', size: SIZE.h2 }) + 6 + keepWith);
  if (id) registerAnchor(ctx, id, title, 2);
  setFont(doc, 'bold', SIZE.h2);
  doc.text(title, PAGE.left, doc.y);
  doc.y += 1;
  rule(doc, doc.y, 0.6);
  doc.y += 6;
}

/** `room`: width left free on the right of the title (for a badge). Returns the title's top. */
export function minorHeading(ctx: Ctx, title: string, keepWith: number, indent = 0, room = 0): number {
  const { doc } = ctx;
  doc.y += 4;
  const width = CONTENT_WIDTH - indent - room;
  ensureSpace(doc, measure(doc, title, { font: 'bold', size: SIZE.h3, width }) + keepWith);
  setFont(doc, 'bold', SIZE.h3);
  const top = doc.y;
  doc.text(title, PAGE.left + indent, top, { width });
  doc.y += 3;
  return top;
}
