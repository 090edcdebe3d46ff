import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook, formatThreshold, type MetricCriterion, requireRunbook, t } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { checkPdf, printHash, readKeywords, renderPdf } from '../src/index.ts';
import { flat, pageTexts, squash, toFile } from './_pdf.ts';

const runbook = defaultRunbook();
const overdue = new Date('2025-06-01T00:00:00Z');
const printDir = new URL('..', import.meta.url).pathname;

describe('deterministic and checkable', () => {
  it('gives byte-identical PDFs for the same data, whatever the day once overdue', async () => {
    const a = await renderPdf(runbook, 'fr', { now: overdue });
    const b = await renderPdf(runbook, 'fr', { now: new Date('2031-02-03T12:00:00Z') });
    expect(a.equals(b)).toBe(true);
    const info = execFileSync('pdfinfo', ['-isodates', toFile(a)], { encoding: 'utf8' });
    // The only dates in the file are the data's.
    expect(info).toMatch(/CreationDate:\s+2024-01-15T00:00:00Z/);
    expect(info).toMatch(/ModDate:\s+2024-01-15T00:00:00Z/);
  });

  it('builds from RUNBOOK_FILE in a fresh process (the CLI), to the same bytes as in this one', async () => {
    const out = mkdtempSync(join(tmpdir(), 'runbook-print-cli-'));
    const input = structuredClone(runbook);
    input.meta.version = '9.9.9-test';
    const file = join(out, 'runbook.json');
    writeFileSync(file, JSON.stringify(input));
    const other = requireRunbook(JSON.parse(readFileSync(file, 'utf8')));
    execFileSync('node', ['--import', 'tsx', 'src/cli.ts', '--out', out], {
      cwd: printDir,
      env: { ...process.env, RUNBOOK_FILE: file },
    });
    for (const lang of ['fr', 'en'] as const) {
      const pdf = readFileSync(join(out, `runbook-${lang}.pdf`));
      expect(pdf.equals(await renderPdf(other, lang))).toBe(true);
      expect(checkPdf(pdf, other)).toMatchObject({ ok: true, lang, foundHash: printHash(other) });
      expect(checkPdf(pdf, runbook).ok).toBe(false);
      expect(flat(pageTexts(toFile(pdf))[0]!)).toContain('9.9.9-test');
    }
  });

  it('stamps the hash and the language in the metadata', async () => {
    const pdf = await renderPdf(runbook, 'en', { now: overdue });
    expect(readKeywords(pdf)).toContain(`runbook-hash:${printHash(runbook)}`);
    expect(readKeywords(pdf)).toContain('runbook-lang:en');
    expect(checkPdf(pdf, runbook, 'en', { now: overdue })).toEqual({
      ok: true,
      expectedHash: printHash(runbook),
      foundHash: printHash(runbook),
      lang: 'en',
      sameBytes: true,
      reason: null,
    });
    expect(checkPdf(pdf, runbook, 'fr', { now: overdue }).ok).toBe(false);
    expect(checkPdf(Buffer.from('%PDF-1.3\nnot ours'), runbook)).toMatchObject({
      ok: false,
      foundHash: null,
    });
  });

  it('changes the hash, page 1 and the criteria page when one threshold changes', async () => {
    const changed = structuredClone(runbook);
    const criterion = changed.criteria.find(
      (c): c is MetricCriterion => c.id === 'error-rate' && c.kind === 'metric',
    )!;
    const before = formatThreshold(criterion, 'fr');
    criterion.threshold = 0.07;
    const after = formatThreshold(criterion, 'fr');
    expect(printHash(changed)).not.toBe(printHash(runbook));

    const old = await renderPdf(runbook, 'fr', { now: overdue });
    const fresh = await renderPdf(changed, 'fr', { now: overdue });
    const oldPages = pageTexts(toFile(old));
    const newPages = pageTexts(toFile(fresh));
    const criteriaPage = newPages.findIndex((p) => flat(p).startsWith(t('criteria', 'fr')));
    // The row of the criterion: from its label (the data's own text, which keeps its "5%") to the next one's.
    const row = (page: string) => {
      const text = squash(page);
      const start = text.indexOf(squash(criterion.label.fr!)) + squash(criterion.label.fr!).length;
      return text.slice(start, text.indexOf(squash(changed.criteria[1]!.label.fr!), start));
    };
    for (const i of [0, criteriaPage]) {
      expect(row(oldPages[i]!)).toContain(squash(before));
      expect(row(newPages[i]!)).toContain(squash(after));
      expect(row(newPages[i]!)).not.toContain(squash(before));
      expect(flat(newPages[i]!)).toContain(printHash(changed));
    }
    // The old paper no longer matches the data, and says which data it was printed from.
    expect(checkPdf(old, changed, 'fr', { now: overdue })).toMatchObject({
      ok: false,
      foundHash: printHash(runbook),
      expectedHash: printHash(changed),
    });
  });

  it('says so on the card when the review is overdue, and only then', async () => {
    const due = new Date('2024-03-01T00:00:00Z');
    const late = pageTexts(toFile(await renderPdf(runbook, 'fr', { now: overdue })))[0]!;
    const early = pageTexts(toFile(await renderPdf(runbook, 'fr', { now: due })))[0]!;
    expect(late).toContain(t('reviewOverdue', 'fr'));
    expect(early).not.toContain(t('reviewOverdue', 'fr'));
    expect(flat(early)).toContain('2024-04-14');
    // A copy printed before the due date is stale after it: it lacks the warning.
    const printedEarly = await renderPdf(runbook, 'fr', { now: due });
    expect(checkPdf(printedEarly, runbook, 'fr', { now: overdue })).toMatchObject({
      ok: false,
      sameBytes: false,
    });
  });
});
