import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultRunbook,
  localize,
  placeholderExample,
  renderTemplate,
  requireRunbook,
  t,
  ui,
} from '@runbook/core';
import { afterAll, describe, expect, it } from 'vitest';
import { englishOnlyPlan } from '../../packages/core/test/english-only.ts';
import { contentType } from '../../site/serve-lib.mjs';
import { generateSite } from '../../site/src/build/generate.ts';
import { fill } from '../../site/src/client/fill.ts';

/** The TopSteel runbook's languages, French first. */
const LANGS = defaultRunbook().meta.languages;

const runbook = defaultRunbook();
const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-gen-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('site generator (no browser)', () => {
  it('writes one page per procedure in each language', () => {
    const dir = tmp();
    const files = generateSite({ runbook, publicBuild: false, now: new Date() }, dir);
    for (const p of runbook.procedures) {
      expect(files).toContain(`${p.id}.md`);
      expect(files).toContain(`en/${p.id}.md`);
      expect(readFileSync(join(dir, `en/${p.id}.md`), 'utf8')).toContain(JSON.stringify(p.title.en));
    }
  });

  it('refuses a procedure id that would replace a fixed page', () => {
    const clashing = structuredClone(runbook);
    clashing.procedures[0]!.id = 'contacts';
    expect(() => generateSite({ runbook: clashing, publicBuild: false, now: new Date() }, tmp())).toThrow(
      /contacts/,
    );
  });

  it('writes an English-only runbook at the root, with no /en/ and no French word of its own', () => {
    const english = requireRunbook(englishOnlyPlan());
    const dir = tmp();
    const files = generateSite({ runbook: english, publicBuild: false, now: new Date() }, dir);
    expect(files.filter((f) => f.includes('/'))).toEqual([]);
    for (const p of english.procedures) expect(files).toContain(`${p.id}.md`);
    const all = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(all).not.toContain('](/en/');
    const french = Object.values(ui).filter((w) => w.fr !== w.en && w.fr.length > 4);
    expect(french.filter((w) => all.includes(w.fr)).map((w) => w.fr)).toEqual([]);
    expect(all).toContain(t('whenToUse', 'en'));
  });

  it('refuses a procedure id that is the folder of one of the runbook’s languages', () => {
    const clashing = structuredClone(runbook);
    clashing.procedures[0]!.id = 'en';
    expect(() => generateSite({ runbook: clashing, publicBuild: false, now: new Date() }, tmp())).toThrow(
      /procedure id\(s\) en clash/,
    );
  });

  it('leaves every phone number and email out of a public build', () => {
    const dir = tmp();
    const files = generateSite({ runbook, publicBuild: true, now: new Date() }, dir);
    const all = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const c of runbook.contacts) {
      expect(all).not.toContain(c.email);
      expect(all).not.toContain(c.phone);
    }
    expect(all).not.toMatch(/mailto:|tel:/);
    expect(all).toContain(runbook.contacts[0]!.name);
  });

  it('keeps contact links in a normal build', () => {
    const dir = tmp();
    generateSite({ runbook, publicBuild: false, now: new Date() }, dir);
    const contacts = readFileSync(join(dir, 'contacts.md'), 'utf8');
    expect(contacts).toContain(`mailto:${runbook.contacts[0]!.email}`);
    expect(contacts).toMatch(/\]\(tel:\+33/);
  });

  it('shows the overdue banner only when the review is overdue', () => {
    const reviewed = new Date(`${runbook.meta.lastReviewed}T12:00:00Z`);
    const fresh = tmp();
    generateSite({ runbook, publicBuild: false, now: reviewed }, fresh);
    expect(readFileSync(join(fresh, 'index.md'), 'utf8')).not.toContain('banner:');
    const late = tmp();
    generateSite({ runbook, publicBuild: false, now: new Date(reviewed.getTime() + 400 * 86_400_000) }, late);
    expect(readFileSync(join(late, 'index.md'), 'utf8')).toContain('banner:');
  });

  it('fills templates exactly as core renderTemplate does', () => {
    for (const template of runbook.templates) {
      for (const lang of LANGS) {
        const values = Object.fromEntries(
          template.placeholders.map((p) => [p.name, placeholderExample(p, lang) ?? `<${p.name}>`]),
        );
        const defaults = Object.fromEntries(
          template.placeholders.flatMap((p) => (p.default ? [[p.name, localize(p.default, lang)]] : [])),
        );
        const filled = fill(localize(template.body, lang), values, defaults);
        expect(filled.missing).toEqual([]);
        expect(filled.text).toBe(renderTemplate(runbook, template.id, values, lang));
        const onlyDefaults = fill(localize(template.body, lang), {}, defaults);
        const required = template.placeholders.filter((p) => !p.default).map((p) => p.name);
        expect(onlyDefaults.missing.sort()).toEqual(required.sort());
      }
    }
  });

  it('serves pagefind and wasm files with usable content types', () => {
    expect(contentType('/pagefind/pagefind.js')).toMatch(/javascript/);
    expect(contentType('/pagefind/wasm.en.pagefind')).toBe('application/octet-stream');
    expect(contentType('/pagefind/index/en_abc.pf_index')).toBe('application/octet-stream');
    expect(contentType('/x.wasm')).toBe('application/wasm');
    expect(existsSync(join(import.meta.dirname, '../../site/serve.mjs'))).toBe(true);
  });
});
