import { defaultRunbook, type Runbook, t } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.ts';
import { darkShare } from './_image.ts';
import { flat, pageTexts, squash, toFile } from './_pdf.ts';

const now = new Date('2025-06-01T00:00:00Z');

/** The first line of each page, footer aside. */
function firstLines(pages: string[]): string[] {
  return pages.map((page) => flat(page.split('\n').find((l) => flat(l) !== '') ?? ''));
}

/** Lines that only ever appear inside a step: a page starting with one has cut a step. */
function insideStep(runbook: Runbook): (line: string) => boolean {
  const labels = (['withTool', 'manual', 'expected', 'verify'] as const).map((k) => t(k, 'fr'));
  const codes = runbook.procedures
    .flatMap((p) => p.steps)
    .flatMap((s) => [...(s.runbook ? [s.runbook] : []), ...s.commands.map((c) => c.code)])
    .flatMap((code) => code.split('\n'))
    .map(squash)
    .filter((code) => code.length > 12);
  return (line) =>
    labels.some((label) => line === label || line.startsWith(`${label} :`)) ||
    codes.some((code) => squash(line).length > 8 && code.startsWith(squash(line)));
}

describe('a step that fits on a page is never split', () => {
  // Extra preconditions push each procedure down a line at a time, so that steps meet page ends at many heights.
  it.each([0, 1, 2, 3, 4, 5])('shifted by %i lines', async (shift) => {
    const runbook = structuredClone(defaultRunbook());
    for (const p of runbook.procedures)
      for (let i = 0; i < shift; i++) p.preconditions.push({ fr: `Condition ${i}`, en: `Condition ${i}` });
    const pages = pageTexts(toFile(await renderPdf(runbook, 'fr', { now })));
    const cut = insideStep(runbook);
    const split = firstLines(pages)
      .map((line, i) => ({ page: i + 1, line }))
      .filter((p) => cut(p.line));
    expect(split).toEqual([]);
  });
});

describe('a step longer than a page', () => {
  it('repeats its title and DESTRUCTIF badge at the top of the page it continues on', async () => {
    const runbook = structuredClone(defaultRunbook());
    const procedure = runbook.procedures.find((p) => p.steps.some((s) => s.destructive))!;
    const index = procedure.steps.findIndex((s) => s.destructive);
    const step = procedure.steps[index]!;
    for (let i = 0; i < 70; i++)
      step.commands.push({ lang: 'bash', code: `kubectl get pods -n topsteel-marketplace -l batch=${i}` });
    const file = toFile(await renderPdf(runbook, 'fr', { now }));
    const pages = pageTexts(file);
    const title = `${index + 1}. ${step.title.fr!}`;
    const first = pages.findIndex((p) => flat(p).includes(title));
    const last = pages.findIndex((p) => flat(p).includes('batch=69'));
    expect(last).toBeGreaterThan(first);
    for (let p = first + 1; p <= last; p++) {
      const top = pages[p]!.split('\n').filter((l) => flat(l) !== '');
      expect(flat(top[0]!)).toBe(`${title} (…)`);
      expect(top.slice(0, 3).map(flat)).toContain(t('destructive', 'fr'));
      // The badge is drawn where the step's own badge is: a black box in the top right corner.
      expect(darkShare(file, p + 1, { x: 470, y: 50, w: 75, h: 12 })).toBeGreaterThan(0.4);
    }
    // A page that does not continue a destructive step has no box there.
    expect(darkShare(file, last + 2, { x: 470, y: 50, w: 75, h: 12 })).toBeLessThan(0.1);
  });
});
