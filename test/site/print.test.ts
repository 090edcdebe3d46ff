/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** Issue 16, item 11: a site page printed from the browser keeps badges black on white and appends no link targets. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook, t } from '@runbook/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, siteSuite } from './helpers/site-suite.ts';

const runbook = defaultRunbook();
const BLACK = 'rgb(0, 0, 0)';
const WHITE = 'rgb(255, 255, 255)';

async function printedText(page: Page): Promise<string> {
  const pdf = join(mkdtempSync(join(tmpdir(), 'runbook-site-print-')), 'page.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4' }));
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
}

describe('printing a site page', () => {
  const site = siteSuite();

  it.each(['/db-restore/', '/en/db-restore/'])(
    '%s: the DESTRUCTIVE badge prints black on white with a black border',
    async (path) => {
      const page = await site.open(path, DESKTOP, 'print');
      const badges = await page.$$eval('.rb-destructive', (els) =>
        els.map((el) => {
          const s = getComputedStyle(el);
          return {
            color: s.color,
            background: s.backgroundColor,
            border: s.borderTopColor,
            text: el.textContent,
          };
        }),
      );
      expect(badges.length).toBeGreaterThan(0);
      for (const b of badges)
        expect(b).toEqual({ color: BLACK, background: WHITE, border: BLACK, text: b.text });
      const lang = path.startsWith('/en/') ? 'en' : 'fr';
      expect(await printedText(page)).toContain(t('destructive', lang));
      await page.close();
    },
  );

  it('keeps the badge red and white on screen', async () => {
    const page = await site.open('/db-restore/', DESKTOP, 'screen');
    const color = await page.$eval('.rb-destructive', (el) => getComputedStyle(el).color);
    expect(color).toBe(WHITE);
    await page.close();
  });

  it.each(['/contacts/', '/', '/dashboards/', '/en/checklists/'])(
    '%s: no link is followed by its target on paper',
    async (path) => {
      const page = await site.open(path, DESKTOP, 'print');
      const appended = await page.$$eval('.sl-markdown-content a[href]', (links) =>
        links
          .map((a) => ({ href: a.getAttribute('href'), after: getComputedStyle(a, '::after').content }))
          .filter((l) => l.after !== 'none' && l.after !== 'normal'),
      );
      expect(appended).toEqual([]);
      const text = await printedText(page);
      expect(text).not.toMatch(/\((tel|mailto):/);
      expect(text).not.toMatch(/\(\/[a-z-]*\/?\)/);
      await page.close();
    },
  );

  it('still prints what a link says: emails, and dashboard URLs written out', async () => {
    const contacts = await site.open('/contacts/', DESKTOP, 'print');
    const text = await printedText(contacts);
    for (const c of runbook.contacts) expect(text).toContain(c.email);
    await contacts.close();
    const dashboards = await site.open('/dashboards/', DESKTOP, 'print');
    const printed = (await printedText(dashboards)).replace(/\s+/g, '');
    for (const d of runbook.dashboards) expect(printed).toContain(d.url);
    await dashboards.close();
  });
});
