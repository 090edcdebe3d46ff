import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTINUATION } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'runbook-print-'));
let counter = 0;

/** Writes the PDF where poppler can read it. */
export function toFile(pdf: Buffer): string {
  const file = join(dir, `doc-${counter++}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** pdftotext of one page (1-based), or of the whole document. */
export function pdfText(file: string, page?: number, layout = false): string {
  const args = [
    ...(page ? ['-f', String(page), '-l', String(page)] : []),
    ...(layout ? ['-layout'] : []),
    file,
    '-',
  ];
  return execFileSync('pdftotext', args, { encoding: 'utf8' });
}

/** Every page's text; `pdftotext` ends each page with a form feed. */
export function pageTexts(file: string): string[] {
  return pdfText(file).split('\f').slice(0, -1);
}

/** For "is this command in the text": no whitespace, no continuation marker, no non-breaking space. */
export function squash(text: string): string {
  return text.replaceAll(CONTINUATION, '').replace(/[\s\u00a0]+/g, '');
}

/** Collapses whitespace so that wrapped prose can be searched. */
export function flat(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

export function pageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}
