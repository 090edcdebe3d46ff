/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Issue 16, item 5: the most-copied destructive command ("roll back now") is marked DESTRUCTIVE on the home page
 * and the quick-commands page, carries no `--yes`, and its readiness check comes first, both with the tool and
 * without.
 */
import { defaultRunbook, t } from '@runbook/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, siteSuite } from './helpers/site-suite.ts';

const now = defaultRunbook().quickCommands.find((q) => q.id === 'rollback-now')!;

/** Every command block of the page in reading order, with its position. */
const blocks = (page: Page) =>
  page.$$eval('.sl-markdown-content .expressive-code', (els) =>
    els.map((el) => ({
      code: el.querySelector('.copy button')?.getAttribute('data-code') ?? '',
      y: el.getBoundingClientRect().top + window.scrollY,
    })),
  );

describe('the destructive quick command', () => {
  const site = siteSuite();

  it('is destructive, without --yes, with a check, in the data the pages come from', () => {
    expect(now.destructive).toBe(true);
    expect(now.runbook).not.toContain('--yes');
    expect(now.check).toBeDefined();
  });

  it.each([
    ['/', 'fr'],
    ['/en/', 'en'],
    ['/commands/', 'fr'],
    ['/en/commands/', 'en'],
  ] as const)('%s (%s): marked DESTRUCTIVE, the check shown first', async (path, lang) => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await site.open(path, viewport);
      const all = await blocks(page);
      const at = (code: string) => all.findIndex((b) => b.code === code);
      const order = [now.check!.runbook, now.runbook, now.check!.manual, now.manual].map(at);
      expect(
        order.every((i) => i >= 0),
        `${order}`,
      ).toBe(true);
      // First the check, then the command, with the tool and then without.
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(all[order[0]!]!.y).toBeLessThan(all[order[1]!]!.y);
      expect(all.some((b) => b.code.includes('--yes'))).toBe(false);

      const labels = await page.$$eval('.rb-step-label', (ps) => ps.map((p) => p.textContent ?? ''));
      expect(labels.filter((l) => l.startsWith(t('runFirst', lang)))).toHaveLength(2);
      expect(labels.filter((l) => l.startsWith(t('runThen', lang)))).toHaveLength(2);

      // The badge, visible, before the command it marks.
      const badge = page.locator('.rb-destructive', { hasText: t('destructive', lang) }).first();
      expect(await badge.isVisible()).toBe(true);
      const badgeY = (await badge.boundingBox())!.y + (await page.evaluate(() => window.scrollY));
      expect(badgeY).toBeLessThan(all[order[1]!]!.y);
      await page.close();
    }
  });

  it('on a phone, the home page first screen holds the badge, the check and the command', async () => {
    const page = await site.open('/', PHONE);
    const all = await blocks(page);
    for (const code of [now.check!.runbook, now.runbook]) {
      const block = all.find((b) => b.code === code)!;
      expect(block.y, code).toBeLessThan(PHONE.height - 40);
    }
    const badge = (await page.locator('.rb-destructive').first().boundingBox())!;
    expect(badge.y + badge.height).toBeLessThanOrEqual(PHONE.height);
    await page.close();
  });

  it('prints the badge black on white', async () => {
    const page = await site.open('/', DESKTOP, 'print');
    const style = await page.$eval('.rb-destructive', (el) => {
      const s = getComputedStyle(el);
      return [s.color, s.backgroundColor];
    });
    expect(style).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await page.close();
  });
});
