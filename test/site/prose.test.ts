/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** Issue 16, item 4: flags and identifiers in prose are code spans, never typographically "smartened". */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlFiles } from './helpers/build.ts';
import { siteSuite } from './helpers/site-suite.ts';

describe('flags in prose', () => {
  const site = siteSuite();

  it('no page turns a flag into a dash (—list, –list, —to)', () => {
    for (const file of htmlFiles(site.dist)) {
      const html = readFileSync(join(site.dist, file), 'utf8');
      expect(html, file).not.toMatch(/[—–][a-z]/);
    }
  });

  it.each(['/db-restore/', '/en/db-restore/'])(
    '%s: `pg_restore --list` in a sentence reads as code',
    async (path) => {
      const page = await site.open(path);
      const spans = await page.$$eval('.sl-markdown-content p code, .sl-markdown-content li code', (codes) =>
        codes.map((c) => c.textContent),
      );
      expect(spans).toContain('--list');
      expect(spans).toContain('pg_restore');
      // Inside a warning written as HTML too (`kubectl run … -it`).
      expect(await page.$$eval('.rb-danger code', (c) => c.map((e) => e.textContent))).toContain('-it');
      await page.close();
    },
  );

  it('the search excerpt shows --list as typed', async () => {
    const page = await site.open('/');
    await page.click('site-search button[data-open-modal]');
    await page.fill('.pagefind-ui__search-input', 'pg_restore');
    const excerpt = page.locator('.pagefind-ui__result-excerpt', { hasText: '--list' }).first();
    await excerpt.waitFor({ timeout: 15_000 });
    expect(await page.locator('.pagefind-ui__result-excerpt', { hasText: '—list' }).count()).toBe(0);
    await page.close();
  });
});
