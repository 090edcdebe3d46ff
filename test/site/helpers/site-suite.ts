/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type Browser, launch, type Served, serveDir } from './browser.ts';
import { ensureSite } from './build.ts';

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export type Viewport = typeof DESKTOP | typeof PHONE;

export interface SiteSuite {
  readonly base: string;
  readonly dist: string;
  /** A new page at `viewport`, in `media` (screen unless told), showing `path` once loaded. */
  open(path: string, viewport?: Viewport, media?: 'screen' | 'print'): Promise<Page>;
  /** A browser of its own (fresh profile), closed with the suite. */
  browser(): Browser;
}

/** The built default site served on a free port and one Chromium, for a test file's `describe`. */
export function siteSuite(): SiteSuite {
  let served: Served | undefined;
  let browser: Browser | undefined;
  let dist = '';
  beforeAll(async () => {
    dist = await ensureSite();
    served = await serveDir(dist);
    browser = await launch();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  return {
    get base() {
      return served!.base;
    },
    get dist() {
      return dist;
    },
    browser: () => browser!,
    async open(path, viewport = DESKTOP, media = 'screen') {
      const page = await browser!.context.newPage();
      await page.setViewportSize(viewport);
      await page.emulateMedia({ media });
      await page.goto(served!.base + path);
      return page;
    },
  };
}

/**
 * Where the wrapped lines of each command on the page break, as the text before and after each break, when the
 * break is inside a word that would fit on a line by itself (a break a reader could take for a space).
 */
export function breaksInsideWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const code of document.querySelectorAll<HTMLElement>('.expressive-code .ec-line .code')) {
      const text = code.textContent ?? '';
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      const chars: Array<{ node: Text; offset: number }> = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        for (let i = 0; i < (n as Text).length; i++) chars.push({ node: n as Text, offset: i });
      const top = (i: number) => {
        const range = document.createRange();
        range.setStart(chars[i]!.node, chars[i]!.offset);
        range.setEnd(chars[i]!.node, chars[i]!.offset + 1);
        return range.getBoundingClientRect().top;
      };
      for (let i = 1; i < chars.length; i++) {
        if (top(i) <= top(i - 1) + 2) continue;
        if (/\s/.test(text[i - 1]!) || /\s/.test(text[i]!)) continue;
        // The word around the break: fine to split only if it is wider than the line on its own.
        const start = text.slice(0, i).search(/\S+$/);
        const end = i + (text.slice(i).match(/^\S+/)?.[0].length ?? 0);
        const range = document.createRange();
        range.setStart(chars[start]!.node, chars[start]!.offset);
        range.setEnd(chars[end - 1]!.node, chars[end - 1]!.offset + 1);
        const wordWidth = [...range.getClientRects()].reduce((w, r) => w + r.width, 0);
        const style = getComputedStyle(code);
        const line = code.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (wordWidth <= line) found.push(`${text.slice(start, i)} | ${text.slice(i, end)}`);
      }
    }
    return found;
  });
}
