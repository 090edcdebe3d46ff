/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Issue 16, items 1, 2 and 9: nothing invented looks real. Example commands have no copy button and say
 * "example, adapt before use"; template fields start empty with examples as placeholders, in the page's language;
 * copying with a required field empty names it and copies nothing; a missing English page gets the English 404.
 */
import { defaultRunbook, localize, placeholderExample, t } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { launch } from './helpers/browser.ts';
import { DESKTOP, PHONE, siteSuite } from './helpers/site-suite.ts';

const runbook = defaultRunbook();
const VIEWPORTS = [DESKTOP, PHONE] as const;

describe('examples and template forms', () => {
  const site = siteSuite();

  it.each([
    ['/migration-rollback/', 'fr'],
    ['/en/migration-rollback/', 'en'],
  ] as const)('%s: the example SQL is marked "%s" and has no copy button', async (path, lang) => {
    const example = runbook.procedures
      .flatMap((p) => p.steps.flatMap((s) => s.commands))
      .find((c) => c.example)!;
    for (const viewport of VIEWPORTS) {
      const page = await site.open(path, viewport);
      const figure = page.locator('figure[data-example]');
      expect(await figure.count()).toBe(1);
      expect(await figure.locator('pre').textContent()).toBe(example.code);
      const caption = figure.locator('figcaption');
      expect(await caption.isVisible()).toBe(true);
      expect(await caption.textContent()).toContain(t('exampleAdapt', lang));
      expect(await figure.locator('button, .copy').count()).toBe(0);
      // Nowhere else on the page is that SQL offered for copying.
      const copyable = await page.$$eval('.expressive-code .copy button', (bs) =>
        bs.map((b) => b.getAttribute('data-code') ?? ''),
      );
      expect(copyable.filter((c) => c.includes('DROP'))).toEqual([]);
      await page.close();
    }
    const printed = await site.open(path, DESKTOP, 'print');
    expect(await printed.locator('figure[data-example] figcaption').isVisible()).toBe(true);
    await printed.close();
  });

  it.each([
    ['/communication/', 'fr'],
    ['/en/communication/', 'en'],
    ['/postmortem/', 'fr'],
    ['/en/postmortem/', 'en'],
  ] as const)('%s: every field starts empty; examples (in %s) are placeholders only', async (path, lang) => {
    const page = await site.open(path, PHONE);
    const fields = await page.$$eval('form.rb-template [name]', (els) =>
      (els as HTMLInputElement[]).map((f) => ({
        form: f.closest('form')!.dataset.template!,
        name: f.name,
        value: f.value,
        placeholder: f.placeholder,
      })),
    );
    expect(fields.length).toBeGreaterThan(4);
    for (const field of fields) {
      expect(field.value, field.name).toBe('');
      const p = runbook.templates
        .find((x) => x.id === field.form)!
        .placeholders.find((x) => x.name === field.name)!;
      const example = placeholderExample(p, lang);
      if (p.default) expect(field.placeholder).toContain(localize(p.default, lang));
      else if (example) expect(field.placeholder).toBe(`${t('example', lang)} ${example}`);
      // No French example on an English page.
      const fr = placeholderExample(p, 'fr');
      if (lang === 'en' && fr && fr !== placeholderExample(p, 'en'))
        expect(field.placeholder).not.toContain(fr);
    }
    // The filled text holds no example either.
    for (const output of await page.$$eval('.rb-output', (os) =>
      os.map((o) => (o as HTMLTextAreaElement).value),
    )) {
      expect(output).not.toContain('14:05');
      expect(output).not.toContain('v1.2.3');
      expect(output).not.toContain('2024-01-15');
    }
    await page.close();
  });

  it.each([
    ['/communication/', 'fr'],
    ['/en/communication/', 'en'],
  ] as const)('%s: copying with required fields empty names them and copies nothing', async (path, lang) => {
    const page = await site.open(path, DESKTOP);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.base });
    await page.evaluate(() => navigator.clipboard.writeText('untouched'));
    const form = page.locator('form[data-template="internal"]');
    await form.locator('[name="impact"]').fill('Payments refused');
    await form.locator('button[data-copy]').click();
    const warning = form.locator('.rb-missing');
    const internal = runbook.templates.find((x) => x.id === 'internal')!;
    const label = (name: string) => localize(internal.placeholders.find((p) => p.name === name)!.label, lang);
    const text = await warning.textContent();
    expect(text).toContain(t('missingValue', lang));
    for (const name of ['start', 'version', 'eta', 'followUp']) expect(text).toContain(label(name));
    expect(text).not.toContain(label('impact'));
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('untouched');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('start');

    // Filled in, it copies the filled text.
    for (const [name, value] of [
      ['start', '03:12'],
      ['version', 'v1.2.4'],
      ['eta', '20 min'],
      ['followUp', 'https://chat.example/incident'],
    ])
      await form.locator(`[name="${name}"]`).fill(value!);
    await form.locator('button[data-copy]').click();
    await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t !== 'untouched'));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.inputValue('#tpl-internal-out'));
    expect(copied).toContain('03:12');
    await page.close();
  });

  it('a missing English page gets the English 404, and a missing French one the French 404', async () => {
    for (const [path, lang] of [
      ['/en/no-such-page/', 'en'],
      ['/no-such-page/', 'fr'],
    ] as const) {
      const page = await site.browser().context.newPage();
      const response = await page.goto(site.base + path);
      expect(response!.status()).toBe(404);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await page.close();
    }
  });

  it('offline, the service worker answers a missing English page with the English 404', async () => {
    const offline = await launch();
    try {
      const page = await offline.context.newPage();
      await page.goto(`${site.base}/en/`);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await offline.context.setOffline(true);
      await page.goto(`${site.base}/en/no-such-page/`);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe('Page not found');
    } finally {
      await offline.context.setOffline(false);
      await offline.close();
    }
  });
});
