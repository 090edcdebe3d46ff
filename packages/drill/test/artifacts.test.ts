/** The drill's freshness check: a stamp of the PDFs' inputs, compared without rendering them again. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, defaultRunbook, type Runbook } from '@runbook/core';
import { checkPdf } from '@runbook/print';
import { describe, expect, it } from 'vitest';
import { ensureArtifacts } from '../src/artifacts.ts';

/** A site dir whose build.json matches `runbook`, so that only the PDFs are in question (no 20 s site build). */
function siteFor(runbook: Runbook): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-artifacts-site-'));
  writeFileSync(join(dir, 'build.json'), JSON.stringify({ hash: contentHash(runbook) }));
  return dir;
}

const ensure = (runbook: Runbook, pdfDir: string) =>
  ensureArtifacts(runbook, { log: () => {}, pdfDir, siteDir: siteFor(runbook), runbookFile: 'other.yaml' });

const mtimes = (files: string[]) => files.map((f) => statSync(f).mtimeMs);

describe('ensureArtifacts: PDFs', () => {
  it('builds missing PDFs, then finds them fresh without writing them again', async () => {
    const runbook = defaultRunbook();
    const pdfDir = mkdtempSync(join(tmpdir(), 'runbook-artifacts-pdf-'));
    const first = await ensure(runbook, pdfDir);
    expect(first.built).toEqual(['pdf']);
    for (const pdf of first.pdfs) expect(checkPdf(readFileSync(pdf), runbook).ok).toBe(true);
    const before = mtimes(first.pdfs);
    const again = await ensure(runbook, pdfDir);
    expect(again.built).toEqual([]);
    expect(mtimes(again.pdfs)).toEqual(before);
  }, 60_000);

  it('changing one threshold in the runbook makes them stale', async () => {
    const runbook = defaultRunbook();
    const pdfDir = mkdtempSync(join(tmpdir(), 'runbook-artifacts-pdf-'));
    await ensure(runbook, pdfDir);
    const changed = structuredClone(runbook);
    const criterion = changed.criteria.find((c) => c.kind === 'metric');
    if (criterion?.kind !== 'metric') throw new Error('the built-in runbook has no metric criterion');
    criterion.threshold += 1;
    const r = await ensure(changed, pdfDir);
    expect(r.built).toEqual(['pdf']);
    for (const pdf of r.pdfs) expect(checkPdf(readFileSync(pdf), changed).ok).toBe(true);
  }, 60_000);

  it('a corrupt stamp, or a PDF replaced since, means stale', async () => {
    const runbook = defaultRunbook();
    const pdfDir = mkdtempSync(join(tmpdir(), 'runbook-artifacts-pdf-'));
    const { pdfs } = await ensure(runbook, pdfDir);
    writeFileSync(join(pdfDir, '.runbook-stamp.json'), '{"inputs":');
    expect((await ensure(runbook, pdfDir)).built).toEqual(['pdf']);
    writeFileSync(pdfs[0]!, 'not a pdf');
    expect((await ensure(runbook, pdfDir)).built).toEqual(['pdf']);
    expect(checkPdf(readFileSync(pdfs[0]!), runbook).ok).toBe(true);
  }, 60_000);
});
