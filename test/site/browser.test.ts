/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRunbook, renderTemplate } from '@runbook/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launch, type Served, serveDir } from './helpers/browser.ts';
import { ensureSite, ROOT } from './helpers/build.ts';
import { type Crawl, crawl } from './helpers/crawl.ts';
import { expectedUrls } from './helpers/expected.ts';

const ARTIFACTS = join(ROOT, 'artifacts');

describe('docs site in Chromium', () => {
  let served: Served;
  let browser: Browser;
  let result: Crawl;

  beforeAll(async () => {
    served = await serveDir(await ensureSite());
    const crawler = await launch();
    try {
      result = await crawl(crawler.context, served.base);
    } finally {
      await crawler.close();
    }
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const open = async (path: string): Promise<Page> => {
    const page = await browser.context.newPage();
    await page.goto(served.base + path);
    return page;
  };

  it('reaches every generated page in both languages, with no broken internal link', () => {
    const reached = [...result.visits.keys()];
    expect(reached).toEqual(expect.arrayContaining(expectedUrls()));
    expect(result.broken).toEqual([]);
  });

  it('loads every page without console errors', () => {
    const failing = [...result.visits]
      .filter(([, v]) => v.consoleErrors.length > 0)
      .map(([p, v]) => `${p}: ${v.consoleErrors}`);
    expect(failing).toEqual([]);
  });

  it('makes no request to any host but its own during the whole crawl', () => {
    expect(result.external).toEqual([]);
  });

  it('has no serious or critical accessibility violation (axe-core)', () => {
    const failing = [...result.visits].flatMap(([p, v]) => v.accessibility.map((a) => `${p} ${a}`));
    expect(failing).toEqual([]);
  });

  it.each([
    ['pg_restore', '/db-restore/'],
    ['rollout undo', '/native/'],
  ])('search for %s finds %s', async (query, target) => {
    const page = await open('/');
    await page.click('site-search button[data-open-modal]');
    await page.fill('.pagefind-ui__search-input', query);
    const hit = page.locator(`.pagefind-ui__result-link[href^="${target}"]`).first();
    await hit.waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('switches language with the language select', async () => {
    const page = await open('/blue-green/');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await Promise.all([
      page.waitForURL('**/en/blue-green/'),
      page.locator('starlight-lang-select select').first().selectOption({ label: 'English' }),
    ]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe(
      defaultRunbook().procedures.find((p) => p.id === 'blue-green')!.title.en,
    );
    await page.close();
  });

  it('keeps a checklist tick across a reload, and the reset button clears it', async () => {
    const page = await open('/checklists/');
    const box = page.locator('input[data-tick="pre-rollback/check-state"]');
    await box.check();
    await page.reload();
    expect(await box.isChecked()).toBe(true);
    await page.click('button[data-reset="pre-rollback"]');
    await page.reload();
    expect(await box.isChecked()).toBe(false);
    await page.close();
  });

  it('fills a communication template as core renderTemplate does', async () => {
    const page = await open('/communication/');
    await page.fill('#tpl-internal-start', '03:12');
    await page.fill('#tpl-internal-impact', 'Paiements refusés');
    await page.fill('#tpl-internal-version', 'v1.2.4');
    await page.fill('#tpl-internal-eta', '20 min');
    await page.fill('#tpl-internal-followUp', 'https://chat.example/incident');
    const values = await page.$$eval('form[data-template="internal"] [name]', (fields) =>
      Object.fromEntries(
        (fields as HTMLInputElement[]).filter((f) => f.value !== '').map((f) => [f.name, f.value] as const),
      ),
    );
    const expected = renderTemplate(defaultRunbook(), 'internal', values, 'fr');
    expect(await page.inputValue('#tpl-internal-out')).toBe(expected);
    expect(expected).toContain('Paiements refusés');
    expect(expected).toContain('Rollback en cours'); // the empty status field falls back to its default
    expect(await page.textContent('form[data-template="internal"] .rb-missing')).toBe('');

    await page.fill('#tpl-internal-start', '');
    expect(await page.textContent('form[data-template="internal"] .rb-missing')).toContain('Heure de début');
    await page.close();
  });

  it('serves pages from the service worker once the network is cut', async () => {
    const offline = await launch();
    try {
      const page = await offline.context.newPage();
      await page.goto(`${served.base}/`);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await offline.context.setOffline(true);
      for (const [path, title] of [
        ['/db-restore/', defaultRunbook().procedures.find((p) => p.id === 'db-restore')!.title.fr],
        ['/en/contacts/', 'Emergency contacts'],
      ] as const) {
        await page.goto(served.base + path);
        expect(await page.textContent('h1')).toBe(title);
      }
    } finally {
      await offline.context.setOffline(false);
      await offline.close();
    }
  });

  it('prints without navigation, and without link targets after the links (print.test.ts has the rest)', async () => {
    const page = await open('/dashboards/');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const shown = (selector: string) => {
        const el = document.querySelector(selector);
        return el !== null && getComputedStyle(el).display !== 'none';
      };
      const link = document.querySelector('.sl-markdown-content a[href^="http"]')!;
      return {
        sidebar: shown('#starlight__sidebar'),
        search: shown('site-search'),
        after: getComputedStyle(link, '::after').content,
      };
    });
    expect(printed.sidebar).toBe(false);
    expect(printed.search).toBe(false);
    expect(printed.after).toBe('none');
    await page.close();
  });

  it('writes screenshots of the home page and a procedure page to artifacts/', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [path, name] of [
      ['/', 'site-home.png'],
      ['/db-restore/', 'site-procedure-db-restore.png'],
    ] as const) {
      const page = await open(path);
      await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
      await page.close();
    }
  });
});
