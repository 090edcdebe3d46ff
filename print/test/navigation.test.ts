import { execFileSync } from 'node:child_process';
import { defaultRunbook, localize, t } from '@runbook/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.ts';
import { flat, pageTexts, pdfText, toFile } from './_pdf.ts';

/** The TopSteel runbook's languages, French first. */
const LANGS = defaultRunbook().meta.languages;

const runbook = defaultRunbook();

describe.each(LANGS)('navigation (%s)', (lang) => {
  let file = '';
  let raw = '';
  let pages: string[] = [];
  let toc: Array<{ title: string; page: number }> = [];
  beforeAll(async () => {
    const pdf = await renderPdf(runbook, lang, { now: new Date('2025-06-01T00:00:00Z') });
    file = toFile(pdf);
    raw = pdf.toString('latin1');
    pages = pageTexts(file);
    // Page 2 is the contents; with -layout each entry is `title    page`.
    toc = pdfText(file, 2, true)
      .split('\n')
      .map((line) => /^\s*(\S.*?)\s{2,}(\d+)\s*$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => ({ title: m[1]!, page: Number(m[2]) }));
  });

  it('lists the card, every section and every procedure', () => {
    const titles = toc.map((e) => e.title);
    expect(flat(pages[1]!).startsWith(t('tableOfContents', lang))).toBe(true);
    for (const key of [
      'quickReference',
      'criteria',
      'procedures',
      'checklists',
      'contacts',
      'alerts',
    ] as const) {
      expect(titles).toContain(t(key, lang));
    }
    for (const p of runbook.procedures) expect(titles).toContain(localize(p.title, lang));
    expect(toc).toHaveLength(10 + runbook.procedures.length);
  });

  it('gives the page where each section really starts', () => {
    const has = (page: number, title: string) =>
      flat(pages[page - 1] ?? '')
        .toLowerCase()
        .includes(flat(title).toLowerCase());
    for (const entry of toc) {
      // On the page given, and not on the one before: the number is where the heading is, not one off.
      // (Pages 1 and 2, card and contents, name the sections too.)
      expect({ ...entry, here: has(entry.page, entry.title) }).toEqual({ ...entry, here: true });
      if (entry.page - 1 > 2)
        expect({ ...entry, before: has(entry.page - 1, entry.title) }).toEqual({ ...entry, before: false });
    }
    const numbers = toc.map((e) => e.page);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('links every contents row to a named destination on that page', () => {
    const links = [...raw.matchAll(/\/S \/GoTo\n\/D \((.+?)\)/g)].map((m) => m[1]);
    expect(links).toHaveLength(toc.length);
    const dests = execFileSync('pdfinfo', ['-dests', file], { encoding: 'utf8' })
      .split('\n')
      .map((line) => /^\s*(\d+)\s.*"(.+)"$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => ({ page: Number(m[1]), id: m[2]! }));
    for (const id of links) expect(dests.map((d) => d.id)).toContain(id);
    // Each destination lands on the page its contents row prints (same order as the rows).
    const pageOf = new Map(dests.map((d) => [d.id, d.page]));
    expect(links.map((id) => pageOf.get(id!))).toEqual(toc.map((e) => e.page));
  });

  it('has a bookmark per contents row', () => {
    expect(raw).toMatch(/\/Outlines \d+ 0 R/);
    const items = [...raw.matchAll(/\d+ 0 obj\n<<\n([\s\S]*?)\n>>\nendobj/g)].filter(
      (m) => m[1]!.includes('/Title') && m[1]!.includes('/Dest'),
    );
    expect(items).toHaveLength(toc.length);
  });
});
