import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook, formatThreshold, localize, procedureDocsUrl } from '@runbook/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, ensureSite, htmlFiles } from './helpers/build.ts';

/** The TopSteel runbook's languages, French first. */
const LANGS = defaultRunbook().meta.languages;

const runbook = defaultRunbook();
const textOf = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');

describe('built site', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await ensureSite();
  }, 180_000);

  it('has a page for every procedure id in both languages, where alert annotations point', () => {
    for (const p of runbook.procedures) {
      for (const lang of LANGS) {
        // The runbook_url core writes into alert rules must land on this procedure's page.
        const path = new URL(procedureDocsUrl(runbook, p.id, lang)).pathname;
        expect(textOf(join(dist, path, 'index.html'))).toContain(localize(p.title, lang));
      }
    }
  });

  it('lists every file of dist in the service worker', () => {
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    for (const file of htmlFiles(dist)) {
      const url = `/${file}`.replace(/index\.html$/, '');
      expect(sw).toContain(JSON.stringify(url));
    }
    expect(sw).toMatch(/"\/pagefind\/pagefind\.js"/);
  });

  it('shows the runbook version and review date on every page', () => {
    for (const file of htmlFiles(dist).filter((f) => f !== '404.html')) {
      const html = readFileSync(join(dist, file), 'utf8');
      expect(html, file).toContain(runbook.meta.version);
      expect(html, file).toContain(runbook.meta.lastReviewed);
    }
  });
});

describe('a build from another runbook file (RUNBOOK_FILE, RUNBOOK_PUBLIC=1)', () => {
  const work = mkdtempSync(join(tmpdir(), 'runbook-site-change-'));
  const changed = structuredClone(runbook);
  const criterion = changed.criteria.find((c) => c.id === 'error-rate');
  if (criterion?.kind !== 'metric') throw new Error('the plan has no metric error-rate criterion');
  criterion.threshold = 0.07;
  let out: string;

  beforeAll(async () => {
    const file = join(work, 'runbook.json');
    writeFileSync(file, JSON.stringify(changed));
    out = join(work, 'dist');
    await buildSite({
      outDir: out,
      env: { RUNBOOK_FILE: file, RUNBOOK_PUBLIC: '1' },
    });
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('shows the changed threshold, in both languages', () => {
    const fr = formatThreshold(criterion, 'fr');
    expect(fr).toBe('> 7 %');
    expect(textOf(join(out, 'index.html'))).toContain(fr);
    expect(textOf(join(out, 'index.html'))).not.toContain('> 5 %');
    expect(textOf(join(out, 'en/index.html'))).toContain(formatThreshold(criterion, 'en'));
  });

  it('publishes no phone number or email', () => {
    for (const file of htmlFiles(out)) {
      const html = readFileSync(join(out, file), 'utf8');
      for (const c of runbook.contacts) {
        expect(html, file).not.toContain(c.email);
        expect(html, file).not.toContain(c.phone);
      }
      expect(html, file).not.toMatch(/href="(mailto|tel):/);
    }
  });
});
