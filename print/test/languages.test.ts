import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireRunbook, t, ui } from '@runbook/core';
import { expect, it } from 'vitest';
import { englishOnlyPlan } from '../../packages/core/test/english-only.ts';
import { checkPdf, writePdfs } from '../src/index.ts';
import { flat, pdfText } from './_pdf.ts';

it('prints an English-only runbook as runbook-en.pdf alone, with no French word of its own', async () => {
  const runbook = requireRunbook(englishOnlyPlan());
  const dir = await mkdtemp(join(tmpdir(), 'runbook-print-en-'));
  const now = new Date('2025-06-01T00:00:00Z');
  const files = await writePdfs(runbook, dir, { now });
  expect(readdirSync(dir)).toEqual(['runbook-en.pdf']);
  expect(files).toEqual([join(dir, 'runbook-en.pdf')]);
  expect(checkPdf(readFileSync(files[0]!), runbook, 'en', { now })).toMatchObject({ ok: true, lang: 'en' });
  const text = flat(pdfText(files[0]!));
  expect(text).toContain(t('quickReference', 'en').toUpperCase());
  // Short French words (`ex.`, `min`) could hide inside English ones; the longer ones cannot.
  const french = Object.values(ui)
    .filter((w) => w.fr !== w.en && w.fr.length > 4)
    .map((w) => w.fr);
  expect(french.length).toBeGreaterThan(30);
  expect(french.filter((w) => text.includes(w) || text.includes(w.toUpperCase()))).toEqual([]);
  expect(text).not.toContain('FICHE RÉFLEXE');
});
