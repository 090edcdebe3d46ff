import { defaultRunbook, t } from '@runbook/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.ts';
import { darkest, darkShare, type Word, words } from './_image.ts';
import { flat, pageTexts, squash, toFile } from './_pdf.ts';

const now = new Date('2025-06-01T00:00:00Z');
const LANGS = ['fr', 'en'] as const;

/** The words of `phrase`, in order, on one line of the page. */
function phraseBoxes(all: Word[], phrase: string): Word[][] {
  const parts = phrase.split(' ');
  const found: Word[][] = [];
  all.forEach((w, i) => {
    const run = all.slice(i, i + parts.length);
    if (run.length === parts.length && run.every((r, j) => r.text === parts[j] && Math.abs(r.y - w.y) < 2))
      found.push(run);
  });
  return found;
}

describe.each(LANGS)('the quick card’s “roll back now” (%s)', (lang) => {
  const runbook = defaultRunbook();
  const rollbackNow = runbook.quickCommands.find((q) => q.id === 'rollback-now')!;
  let file = '';
  let pages: string[] = [];
  beforeAll(async () => {
    file = toFile(await renderPdf(runbook, lang, { now }));
    pages = pageTexts(file);
  });

  it('is marked DESTRUCTIF beside its heading, as a black badge', () => {
    expect(rollbackNow.destructive).toBe(true);
    const badge = words(file, 1).find((w) => w.text === t('destructive', lang));
    expect(badge).toBeDefined();
    const heading = phraseBoxes(words(file, 1), `${t('rollbackNow', lang)} ·`)[0]?.[0];
    expect(heading).toBeDefined();
    // On the heading's line, and drawn white on a black box (the box's edge left of the label is black).
    expect(Math.abs(badge!.y - heading!.y)).toBeLessThan(8);
    expect(darkShare(file, 1, { x: badge!.x - 16, y: badge!.y, w: 12, h: badge!.h })).toBeGreaterThan(0.5);
  });

  it('puts the readiness check first, then the command, and carries no --yes', () => {
    const card = squash(pages[0]!);
    const check = card.indexOf(squash(rollbackNow.check!.manual));
    const command = card.indexOf(squash(rollbackNow.manual));
    expect(check).toBeGreaterThan(-1);
    expect(command).toBeGreaterThan(check);
    expect(card).toContain(squash(`1. ${t('runFirst', lang)}`));
    expect(card).toContain(squash(rollbackNow.runbook));
    expect(flat(pages[0]!)).not.toContain('--yes');
  });

  it('shows the check both ways in the quick-commands section, each before its command', () => {
    const section = squash(pages.slice(2).join('\n'));
    const at = (code: string) => {
      const i = section.indexOf(squash(code));
      expect(i, code).toBeGreaterThan(-1);
      return i;
    };
    expect(at(rollbackNow.check!.runbook)).toBeLessThan(at(`${rollbackNow.runbook}${t('manual', lang)}`));
    expect(at(rollbackNow.check!.manual)).toBeLessThan(at(rollbackNow.manual));
  });

  it('still fits on page 1', () => {
    expect(flat(pages[1]!).startsWith(t('tableOfContents', lang))).toBe(true);
  });
});

describe.each(LANGS)('placeholder phones (%s)', (lang) => {
  const runbook = defaultRunbook();
  const toFill = t('phoneToFill', lang);
  let file = '';
  let pages: string[] = [];
  beforeAll(async () => {
    file = toFile(await renderPdf(runbook, lang, { now }));
    pages = pageTexts(file);
  });

  it('read “number to fill in”, never XX digits, on the card and the contacts page', () => {
    expect(runbook.contacts.every((c) => /X/.test(c.phone))).toBe(true);
    const all = flat(pages.join('\n'));
    expect(all).not.toMatch(/XX XX/);
    const card = flat(pages[0]!);
    expect(card).toContain(`${t('onCall', lang)}${lang === 'fr' ? ' : ' : ': '}${toFill}`);
    const contacts = pages.find((p) => flat(p).startsWith(t('contacts', lang)))!;
    // Once per contact in the contacts table, once per line of the escalation ladder.
    const ladder = runbook.escalation.reduce((n, level) => n + level.contacts.length, 0);
    expect(flat(contacts).split(toFill).length - 1).toBe(runbook.contacts.length + ladder);
  });

  it('are printed in grey, not in black like a number to dial', () => {
    const page = pages.findIndex((p) => flat(p).startsWith(t('contacts', lang))) + 1;
    for (const p of [1, page]) {
      const boxes = phraseBoxes(words(file, p), toFill);
      expect(boxes.length).toBeGreaterThan(2);
      for (const run of boxes) for (const w of run) expect(darkest(file, p, w)).toBeGreaterThan(80);
      // The name beside it is black: the grey is the placeholder's, not the line's.
    }
    const name = words(file, 1).find((w) => w.text === 'Marie')!;
    expect(darkest(file, 1, name)).toBeLessThan(40);
  });

  it('a real number is still printed whole, in black', async () => {
    const real = structuredClone(runbook);
    real.contacts.forEach((c, i) => {
      c.phone = `+33 6 12 34 56 ${10 + i}`;
    });
    const realFile = toFile(await renderPdf(real, lang, { now }));
    const card = flat(pageTexts(realFile)[0]!);
    expect(card).not.toContain(toFill);
    expect(card).toContain(`+33 6 12 34 56 10`);
    const digits = words(realFile, 1).find((w) => w.text === '+33')!;
    expect(darkest(realFile, 1, digits)).toBeLessThan(40);
  });
});
