import { defaultRunbook, type Runbook, t } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { printHash, renderPdf } from '../src/index.ts';
import { flat, pageTexts, toFile } from './_pdf.ts';

/** Headings that must never be the last thing on a page. */
function headings(runbook: Runbook): Set<string> {
  return new Set([
    ...runbook.procedures.flatMap((p) => [
      p.title.fr!,
      ...p.steps.map((step, i) => `${i + 1}. ${step.title.fr!}`),
    ]),
    ...runbook.checklists.map((c) => c.title.fr!),
    ...runbook.templates.map((tpl) => tpl.title.fr!),
    ...(['steps', 'preconditions', 'withTool', 'manual', 'expected'] as const).map((k) => t(k, 'fr')),
  ]);
}

describe('keep-together', () => {
  // Extra preconditions push every procedure down by a line at a time, so that step titles land at
  // many different heights near the bottom of pages.
  it.each([0, 1, 2, 3, 4, 5, 6, 7])(
    'never ends a page on a heading or a step title (shifted by %i lines)',
    async (shift) => {
      const runbook = structuredClone(defaultRunbook());
      for (const p of runbook.procedures) {
        for (let i = 0; i < shift; i++) p.preconditions.push({ fr: `Condition ${i}`, en: `Condition ${i}` });
      }
      const pages = pageTexts(
        toFile(await renderPdf(runbook, 'fr', { now: new Date('2025-06-01T00:00:00Z') })),
      );
      const titles = headings(runbook);
      const endings = pages.map((page, i) => {
        const lines = page
          .split('\n')
          .map(flat)
          .filter((l) => l !== '' && !l.includes(printHash(runbook)) && !/^page \d+ \/ \d+$/.test(l));
        return { page: i + 1, last: lines.at(-1) ?? '' };
      });
      expect(endings.filter((e) => titles.has(e.last))).toEqual([]);
    },
  );
});
