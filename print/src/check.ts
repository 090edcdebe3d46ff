import type { Lang, Runbook } from '@runbook/core';
import { printHash, type RenderOptions, renderPdfSync } from './render.ts';

export interface PdfCheck {
  ok: boolean;
  expectedHash: string;
  /** The hash stamped in the file, `null` when the file carries none (not a runbook printout). */
  foundHash: string | null;
  lang: Lang | null;
  /** Whether the file is byte for byte what the printer makes now. */
  sameBytes: boolean;
  /** Why it is not ok, for a person. */
  reason: string | null;
}

/** The Keywords of the document information dictionary, as pdfkit writes it (plain, uncompressed objects). */
export function readKeywords(file: Buffer): string | null {
  const text = file.toString('latin1');
  const info = [...text.matchAll(/\/Info (\d+) 0 R/g)].at(-1)?.[1];
  if (!info) return null;
  const object = (id: string) =>
    new RegExp(`(?:^|\\n)${id} 0 obj\\n([\\s\\S]*?)\\nendobj`).exec(text)?.[1] ?? null;
  const dict = object(info);
  const ref = dict && /\/Keywords (\d+) 0 R/.exec(dict)?.[1];
  const value = ref ? object(ref) : (dict && /\/Keywords (\(.*?\))/.exec(dict)?.[1]) || null;
  const literal = value && /^\((.*)\)$/s.exec(value.trim())?.[1];
  return literal ? literal.replace(/\\([()\\])/g, '$1') : null;
}

/**
 * Whether a PDF on disk is the current printout of `runbook`: same hash, same language, same bytes as a
 * fresh render. The overdue banner depends on `now`, so a copy printed before the review fell due is
 * stale once it has: it lacks the warning, and it should be printed again.
 */
export function checkPdf(file: Buffer, runbook: Runbook, lang?: Lang, options: RenderOptions = {}): PdfCheck {
  const expectedHash = printHash(runbook);
  const keywords = readKeywords(file);
  const foundHash = keywords ? (/runbook-hash:([0-9a-f]+)/.exec(keywords)?.[1] ?? null) : null;
  const foundLang = keywords ? (/runbook-lang:([a-z]{2}(?:-[A-Z]{2})?)/.exec(keywords)?.[1] ?? null) : null;
  const fileLang = runbook.meta.languages.find((l) => l === foundLang) ?? null;
  const result = (sameBytes: boolean, reason: string | null): PdfCheck => ({
    ok: reason === null,
    expectedHash,
    foundHash,
    lang: lang ?? fileLang,
    sameBytes,
    reason,
  });
  if (foundHash === null || fileLang === null)
    return result(false, 'not a runbook printout: no hash in its metadata');
  if (lang && fileLang !== lang) return result(false, `printed in "${fileLang}", expected "${lang}"`);
  if (foundHash !== expectedHash) {
    return result(false, `printed from other data: hash ${foundHash}, the data is now ${expectedHash}`);
  }
  const fresh = renderPdfSync(runbook, fileLang, options).pdf;
  if (!fresh.equals(file)) {
    return result(
      false,
      'same data, but the pages differ from a fresh print (review status or printer changed)',
    );
  }
  return result(true, null);
}
