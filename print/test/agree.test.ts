import {
  criterionWindowText,
  dataLossText,
  defaultRunbook,
  escalationWindowText,
  t,
  targetDurationText,
} from '@runbook/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.ts';
import { flat, pageTexts, toFile } from './_pdf.ts';

const now = new Date('2025-06-01T00:00:00Z');

/** The words the site uses come from core's formatters; the PDF must print those very strings. */
describe.each(['fr', 'en'] as const)('the PDF words facts as core does, like the site (%s)', (lang) => {
  const runbook = defaultRunbook();
  let pages: string[] = [];
  beforeAll(async () => {
    pages = pageTexts(toFile(await renderPdf(runbook, lang, { now })));
  });
  // The page the procedure starts on (its title and “when to use it”), not the contents.
  const procedurePage = (title: string) =>
    flat(pages.find((p) => flat(p).includes(`${title} ${t('whenToUse', lang)}`)) ?? '');

  it('states every procedure’s target duration and data-loss window, stated or not', () => {
    const withoutWindow = runbook.procedures.filter((p) => !p.dataLossWindow);
    expect(withoutWindow.length).toBeGreaterThan(0);
    for (const p of runbook.procedures) {
      const title = p.title[lang]!;
      const page = procedurePage(title);
      expect(page, title).toContain(targetDurationText(p, lang));
      expect(page, title).toContain(t('dataLossWindow', lang));
      expect(page, title).toContain(flat(dataLossText(p, lang)));
    }
  });

  it('labels the escalation windows “since the start”, with core’s spans (≥ 30 min, not 30+)', () => {
    const card = flat(pages[0]!);
    const contacts = flat(pages.find((p) => flat(p).startsWith(t('contacts', lang)))!);
    for (const text of [card, contacts]) {
      // A narrow header cell wraps, and pdftotext may put a neighbour's word between its lines.
      const words = t('escalationWhen', lang).split(' ');
      expect(text).toMatch(new RegExp(words.join('(?: \\S+)? ')));
      for (const level of runbook.escalation)
        expect(text).toContain(escalationWindowText(level.fromMinutes, level.toMinutes, lang));
      expect(text).not.toMatch(/\d+\+ min/);
    }
  });

  it('uses core’s window words in the criteria tables', () => {
    const all = flat(pages.join('\n'));
    for (const c of runbook.criteria) expect(all).toContain(criterionWindowText(c, lang));
  });
});
