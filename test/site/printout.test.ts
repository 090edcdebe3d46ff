/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Issue 16, item 14: the printout is reachable from the site (both PDFs and the quick-reference card), cached
 * offline by the service worker, and every page shows the build date beside the content hash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, defaultRunbook, t } from '@runbook/core';
import { checkPdf } from '@runbook/print';
import { describe, expect, it } from 'vitest';
import { launch } from './helpers/browser.ts';
import { PHONE, siteSuite } from './helpers/site-suite.ts';

const runbook = defaultRunbook();

describe('the printout from the site', () => {
  const site = siteSuite();

  it.each([
    ['/', 'fr'],
    ['/en/', 'en'],
  ] as const)('%s links both PDFs and the quick-reference card, each a current PDF', async (path, lang) => {
    const page = await site.open(path);
    const links = await page.$$eval('.rb-printed a', (as) =>
      as.map((a) => ({ href: a.getAttribute('href')!, text: a.textContent ?? '' })),
    );
    expect(links.map((l) => l.href).sort()).toEqual(
      runbook.meta.languages.flatMap((l) => [`/pdf/runbook-${l}.pdf`, `/pdf/runbook-${l}.pdf#page=1`]).sort(),
    );
    expect(links.filter((l) => l.text === t('quickReference', lang))).toHaveLength(2);
    for (const { href } of links) {
      const response = await page.request.get(site.base + href);
      expect(response.status(), href).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      const check = checkPdf(await response.body(), runbook);
      expect(check.ok, href).toBe(true);
    }
    await page.close();
  });

  it('links the PDF in the language of the page from the footer', async () => {
    const page = await site.open('/en/blue-green/', PHONE);
    expect(await page.getAttribute('.rb-freshness a[data-pdf]', 'href')).toBe('/pdf/runbook-en.pdf');
    await page.close();
  });

  it('serves the PDFs from the service worker once the network is cut', async () => {
    const offline = await launch();
    try {
      const page = await offline.context.newPage();
      await page.goto(`${site.base}/`);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await offline.context.setOffline(true);
      await page.goto(`${site.base}/en/`);
      const fetched = await page.evaluate(async () => {
        const out: Array<{ status: number; head: string; bytes: number }> = [];
        for (const url of ['/pdf/runbook-fr.pdf', '/pdf/runbook-en.pdf']) {
          const response = await fetch(url);
          const bytes = new Uint8Array(await response.arrayBuffer());
          out.push({
            status: response.status,
            head: String.fromCharCode(...bytes.slice(0, 5)),
            bytes: bytes.length,
          });
        }
        return out;
      });
      for (const [i, lang] of ['fr', 'en'].entries()) {
        const onDisk = readFileSync(join(site.dist, 'pdf', `runbook-${lang}.pdf`)).length;
        expect(fetched[i]).toEqual({ status: 200, head: '%PDF-', bytes: onDisk });
      }
    } finally {
      await offline.context.setOffline(false);
      await offline.close();
    }
  });

  it.each(['/', '/en/contacts/', '/db-restore/'])(
    '%s shows the build date beside the content hash, the date of build.json',
    async (path) => {
      const page = await site.open(path);
      const stamp = JSON.parse(readFileSync(join(site.dist, 'build.json'), 'utf8')) as { builtAt: string };
      const footer = (await page.textContent('.rb-freshness'))!.replace(/\s+/g, ' ');
      const built = await page.$eval('.rb-freshness time.rb-built', (el) => ({
        datetime: el.getAttribute('datetime'),
        text: el.textContent,
      }));
      expect(built.datetime).toBe(stamp.builtAt);
      expect(built.text).toBe(`${stamp.builtAt.slice(0, 10)} ${stamp.builtAt.slice(11, 16)} UTC`);
      const hash = contentHash(runbook);
      expect(footer).toContain(hash);
      // Beside: the date comes right after the hash.
      expect(footer.indexOf(built.text!)).toBeGreaterThan(footer.indexOf(hash));
      expect(footer.indexOf(built.text!) - footer.indexOf(hash)).toBeLessThan(hash.length + 30);
      await page.close();
    },
  );
});
