import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultRunbook,
  formatThreshold,
  localize,
  procedureDocsUrl,
  requireRunbook,
  ui,
} from '@runbook/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishOnlyPlan } from '../../packages/core/test/english-only.ts';
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

// One build serves both: site builds are slow.
describe('a build from another runbook file, English-only (RUNBOOK_FILE, RUNBOOK_PUBLIC=1)', () => {
  const work = mkdtempSync(join(tmpdir(), 'runbook-site-change-'));
  const changed = requireRunbook(englishOnlyPlan());
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

  it('shows the changed threshold', () => {
    const en = formatThreshold(criterion, 'en');
    expect(en).toBe('> 7 %');
    expect(textOf(join(out, 'index.html'))).toContain(en);
    expect(textOf(join(out, 'index.html'))).not.toContain('> 5 %');
  });

  it('puts its one language at the root, with no /en/, no language picker and no French word of its own', () => {
    const files = htmlFiles(out);
    expect(files.filter((f) => f.startsWith('en/'))).toEqual([]);
    for (const p of changed.procedures) {
      const path = new URL(procedureDocsUrl(changed, p.id, 'en')).pathname;
      expect(textOf(join(out, path, 'index.html'))).toContain(localize(p.title, 'en'));
    }
    const french = Object.values(ui)
      .filter((w) => w.fr !== w.en && w.fr.length > 4)
      .map((w) => w.fr);
    for (const file of files) {
      const html = readFileSync(join(out, file), 'utf8');
      expect(html, file).toContain('<html lang="en"');
      expect(html, file).not.toContain('<starlight-lang-select');
      expect(html, file).not.toContain('href="/en/');
      expect(
        french.filter((w) => textOf(join(out, file)).includes(w)),
        file,
      ).toEqual([]);
    }
  });

  it('publishes no phone number or email', () => {
    for (const file of htmlFiles(out)) {
      const html = readFileSync(join(out, file), 'utf8');
      for (const c of runbook.contacts) {
        expect(html, file).not.toContain(c.email);
        expect(html, file).not.toContain(c.phone);
      }
      expect(html, file).not.toMatch(/href="(mailto|tel):/);
      // The PDF carries the phones: a public build neither links nor ships it.
      expect(html, file).not.toContain('href="/pdf/');
    }
    expect(existsSync(join(out, 'pdf'))).toBe(false);
  });
});
