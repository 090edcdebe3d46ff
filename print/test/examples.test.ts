import { defaultRunbook, localize, placeholderExample, t } from '@runbook/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.ts';
import { darkest, darkShare, type Word, words } from './_image.ts';
import { flat, pageTexts, squash, toFile } from './_pdf.ts';

const now = new Date('2025-06-01T00:00:00Z');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LANGS = ['fr', 'en'] as const;
const runbook = defaultRunbook();

/** The page (1-based) and the first word box of the first line that starts with `first`. */
function find(file: string, pages: string[], first: string): { page: number; word: Word } {
  for (let p = 1; p <= pages.length; p++) {
    const word = words(file, p).find((w) => w.text === first);
    if (word) return { page: p, word };
  }
  throw new Error(`no word ${first}`);
}

describe.each(LANGS)('an example command (%s)', (lang) => {
  const step = runbook.procedures.flatMap((p) => p.steps).find((s) => s.commands.some((c) => c.example))!;
  const example = step.commands.find((c) => c.example)!;
  let file = '';
  let pages: string[] = [];
  beforeAll(async () => {
    file = toFile(await renderPdf(runbook, lang, { now }));
    pages = pageTexts(file);
  });

  it('has <placeholders>, not invented table names', () => {
    expect(example.code).toMatch(/<[a-z_]+>/);
    expect(flat(pages.join('\n'))).not.toContain('marketplace_new_feature');
  });

  it('is printed under “example — adapt before use”, right above its first line', () => {
    const lines = pages.join('\n').split('\n').map(flat);
    const first = example.code.split('\n')[0]!;
    const at = lines.findIndex((l, i) => l === first && lines[i + 1] === example.code.split('\n')[1]);
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toBe(t('exampleAdapt', lang));
    // Only examples are marked so: a real command never is.
    const marks = lines.filter((l) => l === t('exampleAdapt', lang)).length;
    expect(marks).toBe(
      runbook.procedures.flatMap((p) => p.steps).flatMap((s) => s.commands.filter((c) => c.example)).length,
    );
  });

  it('is framed on white, without the black bar of a command to run', () => {
    const bar = (page: number, word: Word) =>
      darkShare(file, page, { x: word.x - 7, y: word.y, w: 3, h: word.h });
    const { page, word } = find(file, pages, example.code.split('\n')[1]!.split(' ')[0]!);
    const real = find(file, pages, step.runbook!.split(' ')[0]!);
    // A command block has a solid black bar left of its text; an example only a thin dashed frame there.
    expect(bar(real.page, real.word)).toBeGreaterThan(0.5);
    expect(bar(page, word)).toBeLessThan(bar(real.page, real.word) - 0.25);
    // Between the frame and the text: white for an example, where a command's band is grey.
    const gap = (w: Word) => ({ x: w.x - 3.5, y: w.y, w: 2.5, h: w.h });
    expect(darkest(file, page, gap(word))).toBeGreaterThan(240);
    expect(darkest(file, real.page, gap(real.word))).toBeLessThan(240);
    expect(squash(pages.join(''))).toContain(squash(example.code));
  });
});

describe.each(LANGS)('template pages (%s)', (lang) => {
  const placeholders = runbook.templates.flatMap((tpl) => tpl.placeholders);
  const withExample = placeholders.filter((p) => p.example !== undefined);
  const exampleWord = t('example', lang);
  let file = '';
  let text = '';
  let pages: string[] = [];
  beforeAll(async () => {
    file = toFile(await renderPdf(runbook, lang, { now }));
    pages = pageTexts(file);
    text = flat(pages.join('\n'));
  });

  it('show every example only as a hint, after its label and “ex.”, never as a value', () => {
    expect(withExample.length).toBeGreaterThan(5);
    for (const p of withExample) {
      const value = placeholderExample(p, lang)!;
      const hint = `${localize(p.label, lang)} (${exampleWord} ${value})`;
      expect(text).toContain(hint);
      // Nowhere else on the template pages: not pre-filled into the body, not in another field.
      const templatePages = flat(pages.filter((page) => flat(page).includes(hint)).join('\n'));
      // Whole values only: the example `30 min` must not count inside a default `30 minutes`.
      const count = (needle: string) =>
        templatePages.match(new RegExp(`${escapeRegExp(needle)}(?![\\p{L}\\d])`, 'gu'))?.length ?? 0;
      expect(count(value), value).toBe(count(`${exampleWord} ${value}`));
    }
  });

  it('print the hint in a lighter grey than the label and the body', () => {
    const p = withExample.find((x) => x.name === 'start')!;
    const value = placeholderExample(p, lang)!;
    const page = pages.findIndex((pg) => flat(pg).includes(`${exampleWord} ${value}`)) + 1;
    const all = words(file, page);
    const hint = all.find((w) => w.text === `${value})`)!;
    const label = all.find((w) => w.text === localize(p.label, lang).split(' ')[0])!;
    expect(darkest(file, page, hint)).toBeGreaterThan(90);
    expect(darkest(file, page, label)).toBeLessThan(80);
  });

  it('print no stand-in default as if it were an answer (X, [Description])', () => {
    const standIns = placeholders
      .map((p) => (p.default ? localize(p.default, lang) : ''))
      .filter((d) => d !== '' && d.split('\n').every((l) => /^\s*(\d+\.\s*)?(\[[^\]]*\]|X+)\s*$/.test(l)));
    expect(standIns.length).toBeGreaterThan(3);
    const sep = lang === 'fr' ? ' : ' : ': ';
    for (const d of standIns)
      expect(text).not.toContain(`${t('defaultValue', lang)}${sep}${d.split('\n')[0]})`);
  });

  it('show examples in the output’s language', () => {
    for (const p of withExample) expect(text).toContain(placeholderExample(p, lang)!);
    const other = lang === 'fr' ? 'en' : 'fr';
    const translated = withExample.filter((p) => placeholderExample(p, 'fr') !== placeholderExample(p, 'en'));
    expect(translated.length).toBeGreaterThan(0);
    for (const p of translated) expect(text).not.toContain(placeholderExample(p, other)!);
  });
});
