import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, type Runbook } from '@runbook/core';

export interface Artifacts {
  site: string;
  pdfs: string[];
  /** What was rebuilt this time. */
  built: Array<'site' | 'pdf'>;
}

/**
 * Builds the site and the PDFs when they are missing or were made from other data: the drill shows
 * everything the runbook produces, and never a stale copy.
 */
export async function ensureArtifacts(
  runbook: Runbook,
  options: {
    runbookFile?: string;
    log: (line: string) => void;
    /** Where the site and PDFs go; default site/dist and print/dist (RUNBOOK_SITE_DIR, RUNBOOK_PDF_DIR). */
    siteDir?: string;
    pdfDir?: string;
  },
): Promise<Artifacts> {
  // The site package is loaded from where it lives, so its ROOT is this checkout's, whatever the cwd.
  const site = await import('@runbook/site/build');
  const built: Artifacts['built'] = [];
  const pdfDir = options.pdfDir ?? join(site.ROOT, 'print', 'dist');
  const pdfs = runbook.meta.languages.map((lang) => join(pdfDir, `runbook-${lang}.pdf`));
  const { reviewStatus, writePdfs } = await import('@runbook/print');
  const now = new Date();
  // The printout is a function of the data, the printer, and whether the review is overdue on the day.
  const inputs = {
    hash: contentHash(runbook),
    review: reviewStatus(runbook, now),
    langs: runbook.meta.languages,
  };
  if (!site.stampIsCurrent(pdfDir, inputs, pdfs)) {
    options.log('building the PDFs…');
    await writePdfs(runbook, pdfDir, { now });
    site.writeStamp(pdfDir, inputs, pdfs);
    built.push('pdf');
  }
  const dist = options.siteDir ?? site.DIST;
  const own = dist === site.DIST && !options.runbookFile;
  const stampFile = join(dist, 'build.json');
  const current = own
    ? site.distIsFresh(contentHash(runbook))
    : existsSync(stampFile) &&
      (JSON.parse(readFileSync(stampFile, 'utf8')) as { hash?: string }).hash === contentHash(runbook);
  if (!current) {
    options.log('building the docs site (15 to 30 s)…');
    if (own) await site.ensureSite(contentHash(runbook));
    else
      await site.buildSite({
        outDir: dist,
        env: { RUNBOOK_FILE: options.runbookFile ?? '', RUNBOOK_PUBLIC: '' },
      });
    built.push('site');
  }
  return { site: join(dist, 'index.html'), pdfs, built };
}
