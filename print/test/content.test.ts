import { ACTION_LABELS, defaultRunbook, formatThreshold, localize, t } from '@runbook/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { printHash, renderPdf } from '../src/index.ts';
import { flat, pageTexts, squash, toFile } from './_pdf.ts';

/** The TopSteel runbook's languages, French first. */
const LANGS = defaultRunbook().meta.languages;

/** The plan's phones are all the same placeholder; distinct numbers show that each one is printed. */
const runbook = structuredClone(defaultRunbook());
runbook.contacts.forEach((c, i) => {
  c.phone = `+33 6 12 34 56 ${String(10 + i)}`;
});
const now = new Date('2025-06-01T00:00:00Z');

describe.each(LANGS)('printed runbook (%s)', (lang) => {
  let pages: string[] = [];
  let all = '';
  beforeAll(async () => {
    pages = pageTexts(toFile(await renderPdf(runbook, lang, { now })));
    all = pages.join('\n');
  });

  it('has every command of every procedure, with and without the tool', () => {
    const text = squash(all);
    const missing = runbook.procedures.flatMap((p) =>
      [
        p.runbook,
        ...p.steps.flatMap((s) => [...(s.runbook ? [s.runbook] : []), ...s.commands.map((c) => c.code)]),
      ].filter((code) => !text.includes(squash(code))),
    );
    expect(missing).toEqual([]);
  });

  it('has every phone, threshold, checklist item, dashboard URL and template placeholder', () => {
    const text = flat(all);
    for (const c of runbook.contacts) expect(text).toContain(c.phone);
    // pdftotext guesses spaces from glyph gaps and drops some inside `> 5 %`: compare without them.
    for (const c of runbook.criteria) {
      if (c.kind === 'metric') expect(squash(all)).toContain(squash(formatThreshold(c, lang)));
    }
    for (const item of runbook.checklists.flatMap((c) => c.items))
      expect(text).toContain(flat(localize(item.label, lang)));
    for (const d of runbook.dashboards) expect(text).toContain(d.url);
    for (const p of runbook.templates.flatMap((tpl) => tpl.placeholders))
      expect(text).toContain(flat(localize(p.label, lang)));
  });

  it('keeps accents and typographic apostrophes intact', () => {
    const text = flat(all);
    for (const c of runbook.criteria) expect(text).toContain(flat(localize(c.label, lang)));
    for (const action of Object.values(ACTION_LABELS)) expect(text).toContain(localize(action, lang));
    if (lang === 'fr') {
      for (const ch of ['é', 'è', 'à', 'ç', 'É', '’', '«']) expect(text).toContain(ch);
      expect(text).toContain('Leçons Apprises');
      expect(text).toContain('Métriques revenues à la normale');
      expect(text).toContain('Rollback d’urgence');
    }
  });

  it('puts what is needed to act on page 1', () => {
    const cover = flat(pages[0]!);
    const rollbackNow = runbook.quickCommands.find((q) => q.id === 'rollback-now')!;
    expect(squash(pages[0]!)).toContain(squash(rollbackNow.runbook));
    expect(squash(pages[0]!)).toContain(squash(rollbackNow.manual));
    for (const c of runbook.criteria) {
      expect(cover).toContain(flat(localize(c.label, lang)));
      if (c.kind === 'metric') expect(squash(cover)).toContain(squash(formatThreshold(c, lang)));
    }
    // Every contact of the escalation ladder, with a number to dial.
    for (const c of runbook.contacts) expect(cover).toContain(`${c.phone} ${c.name}`);
    expect(cover).toContain(runbook.meta.version);
    expect(cover).toContain(runbook.meta.lastReviewed);
    expect(cover).toContain(printHash(runbook));
    // The contents page comes second: nothing of the card spilled over.
    expect(flat(pages[1]!).startsWith(t('tableOfContents', lang))).toBe(true);
  });

  it('puts page x / y, the version and the hash on every page', () => {
    pages.forEach((page, i) => {
      const text = flat(page);
      expect(text).toContain(`${t('page', lang)} ${i + 1} / ${pages.length}`);
      expect(text).toContain(printHash(runbook));
      expect(text).toContain(`${t('version', lang)} ${runbook.meta.version}`);
    });
  });

  it('marks destructive steps and states the data-loss window', () => {
    const destructive = runbook.procedures.flatMap((p) => p.steps).filter((s) => s.destructive).length;
    // Each destructive quick command is marked in its section, and the card's rollback once more.
    const quick = runbook.quickCommands.filter((q) => q.destructive);
    const onCard = quick.filter((q) => q.id === 'rollback-now').length;
    const marks = all.split(t('destructive', lang)).length - 1;
    expect(marks).toBe(destructive + quick.length + onCard);
    const text = flat(all);
    for (const p of runbook.procedures.filter((p) => p.dataLossWindow)) {
      expect(text).toContain(flat(localize(p.dataLossWindow!, lang)));
    }
  });
});
