/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Issue 16, items 7 and 10: a phone at 390 px gets tables as cards and the command on its first screen, and wrapped
 * commands never break inside a word (`blue-green -` / `-to blue`), on a phone or printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook, t } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { breaksInsideWords, DESKTOP, PHONE, siteSuite } from './helpers/site-suite.ts';

const runbook = defaultRunbook();

describe('the site on a phone (390 px) and on paper', () => {
  const site = siteSuite();

  it.each([
    ['/', 'table.rb-criteria'],
    ['/contacts/', 'table.rb-contacts'],
    ['/contacts/', 'table.rb-escalation'],
    ['/en/', 'table.rb-criteria'],
    ['/en/dashboards/', 'table.rb-dashboards'],
  ])(
    '%s: %s shows every cell of every row on a phone, each labelled with its column',
    async (path, selector) => {
      const page = await site.open(path, PHONE);
      const cells = await page.$$eval(`${selector} td`, (tds) =>
        tds.map((td) => {
          const box = td.getBoundingClientRect();
          return {
            label: getComputedStyle(td, '::before').content,
            visible: box.width > 0 && box.left >= 0 && box.right <= window.innerWidth,
            text: td.textContent ?? '',
          };
        }),
      );
      expect(cells.length).toBeGreaterThan(3);
      for (const cell of cells) {
        expect(cell.visible, cell.text).toBe(true);
        expect(cell.label, cell.text).not.toBe('none');
      }
      // Nothing hidden behind a sideways scroll.
      const scrolls = await page.$eval(selector, (table) => table.scrollWidth > table.clientWidth + 1);
      expect(scrolls).toBe(false);
      await page.close();
    },
  );

  it('keeps the tables as tables on a desktop', async () => {
    const page = await site.open('/', DESKTOP);
    expect(await page.$eval('table.rb-criteria thead', (h) => getComputedStyle(h).display)).not.toBe('none');
    await page.close();
  });

  it.each(['/', '/en/'])(
    '%s: the first screen of a phone shows the rollback command, whole',
    async (path) => {
      const page = await site.open(path, PHONE);
      const now = runbook.quickCommands.find((q) => q.id === 'rollback-now')!;
      const block = page.locator('.expressive-code', { hasText: now.runbook! }).first();
      const box = (await block.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
      // The notice and the overdue-review warning come after it.
      const notice = (await page.locator('.starlight-aside').first().boundingBox())!;
      expect(notice.y).toBeGreaterThan(box.y);
      expect(await page.locator('.sl-banner').count()).toBe(0);
      expect(await page.textContent('.sl-markdown-content h2')).toBe(
        t('rollbackNow', path === '/' ? 'fr' : 'en'),
      );
      await page.close();
    },
  );

  it.each(['/blue-green/', '/db-restore/', '/commands/', '/en/native/', '/'])(
    '%s: commands wrap between words on a phone, never after the hyphen of a flag',
    async (path) => {
      const page = await site.open(path, PHONE);
      // Sanity: the phone does wrap some command, so the check below has something to look at.
      const wrapped = await page.$$eval('.expressive-code .ec-line .code', (codes) =>
        codes.some((c) => c.getClientRects()[0]!.height > 30),
      );
      expect(wrapped).toBe(true);
      expect(await breaksInsideWords(page)).toEqual([]);
      await page.close();
    },
  );

  it('finds such breaks when words are not kept whole (the check above can fail)', async () => {
    const page = await site.open('/blue-green/', PHONE);
    await page.addStyleTag({ content: '.expressive-code r-w { display: inline; }' });
    expect((await breaksInsideWords(page)).some((b) => /-$/.test(b.split(' | ')[0]!))).toBe(true);
    await page.close();
  });

  it('prints every word of every command whole (Chromium print to PDF, read back with pdftotext)', async () => {
    const page = await site.open('/db-restore/', DESKTOP, 'print');
    const words = await page.$$eval('.expressive-code .ec-line .code', (codes) =>
      codes.flatMap((c) => (c.textContent ?? '').split(/\s+/)).filter((w) => w.length > 2),
    );
    const cutWords = async () => {
      const pdf = join(mkdtempSync(join(tmpdir(), 'runbook-site-print-')), 'page.pdf');
      writeFileSync(pdf, await page.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm' } }));
      const lines = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\n');
      return [...new Set(words)].filter((word) => !lines.some((line) => line.includes(word)));
    };
    expect(words.length).toBeGreaterThan(50);
    expect(words).toContain('--list');
    // A word longer than the printed line may be cut; none of these is.
    expect(await cutWords()).toEqual([]);
    // The check can fail: breaking anywhere, as the print stylesheet used to, cuts words.
    await page.addStyleTag({
      content: '.expressive-code r-w { display: inline; } pre { word-break: break-all; }',
    });
    expect((await cutWords()).length).toBeGreaterThan(0);
    await page.close();
  });
});
