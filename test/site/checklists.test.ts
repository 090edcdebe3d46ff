/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Issue 16, item 6: ticks belong to an incident. A list from a previous incident (an older tick format, a
 * stale incident, or one ended with "new incident") is never shown ticked, on screen or on paper.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, siteSuite } from './helpers/site-suite.ts';

const BOX = 'input[data-tick="pre-rollback/check-state"]';
const NEW = 'button[data-new-incident]';

const ticked = (page: Page) =>
  page.$$eval('input[data-tick]', (boxes) =>
    (boxes as HTMLInputElement[]).filter((b) => b.checked).map((b) => b.dataset.tick),
  );

/** Only this value in the site's storage (the profile is shared by the file's tests), then a reload. */
async function store(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    ([k, v]) => {
      localStorage.clear();
      localStorage.setItem(k as string, JSON.stringify(v));
    },
    [key, value] as const,
  );
  await page.reload();
}

describe('checklists tied to an incident', () => {
  const site = siteSuite();

  it.each([
    ['/checklists/', 'fr', 'Nouvel incident'],
    ['/en/checklists/', 'en', 'New incident'],
    ['/en/verify/', 'en', 'New incident'],
    ['/postmortem/', 'fr', 'Nouvel incident'],
  ])('%s (%s) shows one visible "%s" button, on a desktop and a phone', async (path, _lang, label) => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await site.open(path, viewport);
      const buttons = page.locator(NEW);
      expect(await buttons.count()).toBe(1);
      expect(await buttons.isVisible()).toBe(true);
      expect((await buttons.textContent())?.trim()).toBe(label);
      await page.close();
    }
  });

  it('a tick starts an incident, shown with its start; "new incident" unticks everything, on every page', async () => {
    const page = await site.open('/checklists/');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const bar = page.locator('[data-incident]');
    const idle = await bar.textContent();
    await page.check(BOX);
    await page.check('input[data-tick="post-mortem/timeline"]');
    const started = await bar.getAttribute('data-started');
    expect(started).not.toBeNull();
    expect(Date.now() - Date.parse(started!)).toBeLessThan(60_000);
    expect(await bar.textContent()).not.toBe(idle);

    // The same incident on another page and in the other language.
    const other = await site.open('/en/postmortem/');
    expect(await ticked(other)).toEqual(['post-mortem/timeline']);
    expect(await other.getAttribute('[data-incident]', 'data-started')).toBe(started);

    await page.click(NEW);
    expect(await ticked(page)).toEqual([]);
    await page.reload();
    expect(await ticked(page)).toEqual([]);
    await other.reload();
    expect(await ticked(other)).toEqual([]);
    expect(Date.parse((await bar.getAttribute('data-started'))!)).toBeGreaterThanOrEqual(
      Date.parse(started!),
    );
    await other.close();
    await page.close();
  });

  it('never shows ticks stored without an incident (the old format)', async () => {
    const page = await site.open('/checklists/');
    await store(page, 'runbook:ticks', { 'pre-rollback/check-state': true });
    expect(await ticked(page)).toEqual([]);
    expect(await page.getAttribute('[data-incident]', 'data-started')).toBeNull();
    await page.close();
  });

  it('never shows the ticks of an incident idle for more than a day, nor prints them', async () => {
    const page = await site.open('/checklists/');
    const old = new Date(Date.now() - 3 * 24 * 3600_000).toISOString();
    await store(page, 'runbook:incident', {
      started: old,
      updated: old,
      ticks: { 'pre-rollback/check-state': true },
    });
    expect(await ticked(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isChecked(BOX)).toBe(false);
    // A current one is shown.
    const recent = new Date().toISOString();
    await store(page, 'runbook:incident', {
      started: recent,
      updated: recent,
      ticks: { 'pre-rollback/check-state': true },
    });
    expect(await ticked(page)).toEqual(['pre-rollback/check-state']);
    await page.close();
  });

  it('ignores a broken stored value instead of failing', async () => {
    const page = await site.open('/checklists/');
    await page.evaluate(() => {
      localStorage.clear();
      localStorage.setItem('runbook:incident', '{not json');
    });
    await page.reload();
    expect(await ticked(page)).toEqual([]);
    await page.check(BOX);
    expect(await ticked(page)).toEqual(['pre-rollback/check-state']);
    await page.close();
  });
});
