import { contentHash, type Lang, localize, type Runbook } from '@runbook/core';
import { drawCover } from './cover.ts';
import { drawFooters } from './footer.ts';
import { type Anchor, currentPage, type NavCtx } from './headings.ts';
import { createDocument, makeCtx, newPage } from './layout.ts';
import { reviewStatus } from './review.ts';
import { SECTIONS } from './sections/index.ts';
import { drawToc, layoutToc } from './toc.ts';

export interface RenderOptions {
  /** The date the review deadline is measured against; the only input besides the data. */
  now?: Date;
}

export interface Rendered {
  pdf: Buffer;
  pages: number;
  /** Where each section starts, as printed in the contents. */
  anchors: Anchor[];
}

/** The hash the current printout must show: that of the data, nothing else. */
export function printHash(runbook: Runbook): string {
  return contentHash(runbook);
}

/** Machine-readable stamp in the PDF's Keywords, read back by `checkPdf`. */
export function stamp(hash: string, lang: Lang, version: string): string {
  return `runbook-hash:${hash} runbook-lang:${lang} runbook-version:${version}`;
}

function layout(runbook: Runbook, lang: Lang, now: Date, tocPages: number) {
  const hash = printHash(runbook);
  const doc = createDocument({
    title: localize(runbook.meta.title, lang),
    subject: `${runbook.meta.service} ${runbook.meta.version} (${lang})`,
    keywords: stamp(hash, lang, runbook.meta.version),
    // The data's own review date: a build on another day gives the same bytes.
    date: new Date(`${runbook.meta.lastReviewed}T00:00:00Z`),
    lang,
  });
  const ctx: NavCtx = { ...makeCtx(doc, runbook, lang, hash), nav: { anchors: [], parent: null } };
  drawCover(ctx, reviewStatus(runbook, now));
  // Blank pages kept for the contents, filled in once every section's page is known.
  const tocFirst = currentPage(doc);
  for (let i = 0; i <= tocPages; i++) newPage(doc);
  for (const draw of SECTIONS) draw(ctx);
  return { doc, ctx, tocFirst };
}

/**
 * One layout pass: sections are drawn after pages kept blank for the contents, which is drawn last. A
 * second pass happens only when the contents need more pages than were kept.
 */
export function renderPdfSync(runbook: Runbook, lang: Lang, options: RenderOptions = {}): Rendered {
  const now = options.now ?? new Date();
  let tocPages = 1;
  for (;;) {
    const { doc, ctx, tocFirst } = layout(runbook, lang, now, tocPages);
    const needed = layoutToc(doc, ctx.nav.anchors, ctx.ui('printCheckHint')).pages;
    if (needed > tocPages) {
      tocPages = needed;
      continue;
    }
    drawToc(ctx, ctx.nav.anchors, tocFirst);
    drawFooters(ctx);
    const pages = doc.bufferedPageRange().count;
    doc.end();
    // pdfkit writes synchronously into its stream buffer; reading it back keeps this function synchronous.
    const chunks: Buffer[] = [];
    for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null)
      chunks.push(chunk);
    return { pdf: Buffer.concat(chunks), pages, anchors: ctx.nav.anchors };
  }
}

/** Same data and `now` → the same bytes. */
export async function renderPdf(runbook: Runbook, lang: Lang, options: RenderOptions = {}): Promise<Buffer> {
  return renderPdfSync(runbook, lang, options).pdf;
}
