/**
 * Issue 16: the screenshot set a reviewer looks at (home, blue-green, criteria, contacts, templates, checklists;
 * French and English; desktop 1280 px and phone 390 px), written to artifacts/site-screens/ (ignored by git).
 * The README shows two of them.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.ts';
import { DESKTOP, PHONE, siteSuite } from './helpers/site-suite.ts';

const SCREENS = join(ROOT, 'artifacts', 'site-screens');

/** name → path in the first language; the criteria are a section of the home page. */
const PAGES = [
  ['home', '/', null],
  ['blue-green', '/blue-green/', null],
  ['criteria', '/', 'table.rb-criteria'],
  ['contacts', '/contacts/', null],
  ['templates', '/communication/', null],
  ['checklists', '/checklists/', null],
] as const;

describe('screenshot set', () => {
  const site = siteSuite();

  it('writes every page in both languages, on a desktop and a phone', async () => {
    rmSync(SCREENS, { recursive: true, force: true });
    mkdirSync(SCREENS, { recursive: true });
    const written: string[] = [];
    for (const lang of ['fr', 'en'] as const) {
      for (const [device, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        for (const [name, path, section] of PAGES) {
          const page = await site.open(lang === 'fr' ? path : `/en${path}`, viewport);
          const file = join(SCREENS, `${name}-${lang}-${device}.png`);
          // A section is clipped from the full page: an element shot scrolls, and the sticky header lands on it.
          const box = section ? await page.locator(section).boundingBox() : null;
          if (box) await page.screenshot({ path: file, fullPage: true, clip: box });
          // The first screen is what a reader sees at 3 a.m.; the full page would be a poster.
          else await page.screenshot({ path: file, fullPage: device === 'desktop' && name !== 'home' });
          written.push(file);
          await page.close();
        }
      }
    }
    expect(written).toHaveLength(24);
    for (const file of written) expect(statSync(file).size, file).toBeGreaterThan(5_000);
  }, 180_000);
});
