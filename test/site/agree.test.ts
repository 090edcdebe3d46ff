/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Issue 16, items 8 and 13: placeholder phones read "number to fill in" with no `tel:` link, and the site words
 * every value with core's formatters (the ones the PDF uses): escalation spans under "since the start",
 * criteria with their descriptions, windows, target durations and data-loss windows.
 */
import {
  criterionThresholdText,
  criterionWindowText,
  dataLossText,
  defaultRunbook,
  escalationWindowText,
  isPlaceholderPhone,
  localize,
  requireRunbook,
  t,
  targetDurationText,
} from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { contactsPage } from '../../site/src/build/pages/contacts.ts';
import { DESKTOP, PHONE, siteSuite } from './helpers/site-suite.ts';

const runbook = defaultRunbook();
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('phones and wording shared with the PDF', () => {
  const site = siteSuite();

  it('the default runbook has placeholder phones (what the next tests look at)', () => {
    expect(runbook.contacts.some((c) => isPlaceholderPhone(c.phone))).toBe(true);
  });

  it.each([
    ['/contacts/', 'fr'],
    ['/en/contacts/', 'en'],
    ['/', 'fr'],
    ['/en/', 'en'],
  ] as const)(
    '%s (%s): a placeholder phone reads "number to fill in", with no tel: link',
    async (path, lang) => {
      for (const [viewport, media] of [
        [DESKTOP, 'screen'],
        [PHONE, 'screen'],
        [DESKTOP, 'print'],
      ] as const) {
        const page = await site.open(path, viewport, media);
        const tels = await page.$$eval('a[href^="tel:"]', (as) => as.map((a) => a.getAttribute('href')!));
        expect(tels.filter((h) => /x/i.test(h))).toEqual([]);
        const todo = page.locator('.rb-phone-todo', { hasText: t('phoneToFill', lang) });
        expect(await todo.count()).toBeGreaterThan(0);
        expect(await todo.first().isVisible()).toBe(true);
        expect(await page.textContent('main')).not.toMatch(/X{2} X{2}/);
        await page.close();
      }
    },
  );

  it('a real phone number is a tel: link (generated page)', () => {
    const changed = requireRunbook(structuredClone(runbook));
    changed.contacts[0]!.phone = '+33 6 12 34 56 78';
    const body = contactsPage({ runbook: changed, lang: 'fr', publicBuild: false, now: new Date() }).body;
    expect(body).toContain('<a href="tel:+33612345678">+33 6 12 34 56 78</a>');
  });

  it.each(['fr', 'en'] as const)(
    'escalation (%s): the time column says since the start, spans from core',
    async (lang) => {
      const page = await site.open(lang === 'fr' ? '/contacts/' : '/en/contacts/');
      const table = page.locator('table.rb-escalation');
      const head = await table.locator('thead th').allTextContents();
      expect(head[1]).toBe(t('escalationWhen', lang));
      const spans = await table.locator('tbody tr td:nth-child(2)').allTextContents();
      const levels = [...runbook.escalation].sort((a, b) => a.fromMinutes - b.fromMinutes);
      expect(spans).toEqual(levels.map((l) => escalationWindowText(l.fromMinutes, l.toMinutes, lang)));
      expect(spans.some((s) => s.startsWith('≥'))).toBe(true);
      expect(spans.join(' ')).not.toContain('+ min');
      await page.close();
    },
  );

  it.each(['fr', 'en'] as const)(
    'criteria (%s): description, threshold and window as the PDF words them',
    async (lang) => {
      const page = await site.open(lang === 'fr' ? '/' : '/en/');
      const rows = await page.$$eval('table.rb-criteria tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
      expect(rows).toHaveLength(runbook.criteria.length);
      runbook.criteria.forEach((c, i) => {
        const [criterion, threshold, window] = rows[i]!;
        expect(squash(criterion!)).toContain(localize(c.label, lang));
        expect(squash(criterion!)).toContain(squash(localize(c.description, lang)));
        expect(threshold).toBe(criterionThresholdText(c, lang));
        expect(window).toBe(criterionWindowText(c, lang));
      });
      await page.close();
    },
  );

  it.each(['fr', 'en'] as const)(
    'procedures (%s): target duration and data-loss window from core',
    async (lang) => {
      for (const procedure of runbook.procedures) {
        const page = await site.open(`${lang === 'fr' ? '' : '/en'}/${procedure.id}/`);
        const main = squash(await page.textContent('.sl-markdown-content'));
        expect(main).toContain(`${t('targetDuration', lang)} — ${targetDurationText(procedure, lang)}`);
        expect(main).toContain(squash(dataLossText(procedure, lang)));
        await page.close();
      }
    },
  );
});
