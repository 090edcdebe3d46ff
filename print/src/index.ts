import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Runbook } from '@runbook/core';
import { type RenderOptions, renderPdf } from './render.ts';

export { checkPdf, type PdfCheck, readKeywords } from './check.ts';
export { CONTINUATION, wrapCode } from './code.ts';
export { printHash, type Rendered, type RenderOptions, renderPdf, renderPdfSync } from './render.ts';
export { reviewStatus } from './review.ts';

/** `runbook-<lang>.pdf` in `outDir` for each of the runbook's languages; returns their paths. */
export async function writePdfs(
  runbook: Runbook,
  outDir: string,
  options: RenderOptions = {},
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const now = options.now ?? new Date();
  return Promise.all(
    runbook.meta.languages.map(async (lang) => {
      const file = join(outDir, `runbook-${lang}.pdf`);
      await writeFile(file, await renderPdf(runbook, lang, { now }));
      return file;
    }),
  );
}
