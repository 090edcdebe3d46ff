/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import axe from 'axe-core';
import type { BrowserContext } from 'playwright-core';

export interface Visit {
  status: number;
  consoleErrors: string[];
  /** Serious and critical axe violations, as `rule: targets`. */
  accessibility: string[];
  ids: Set<string>;
}

export interface Crawl {
  visits: Map<string, Visit>;
  /** Every request seen for a host other than the site's own. */
  external: string[];
  /** Links to a page that is missing, or to an anchor the target page lacks. */
  broken: string[];
}

/**
 * Walks the site from `start`, following every same-origin link and the language switcher's options,
 * running axe on each page. External requests are recorded and refused, so a font or CDN would show up.
 */
export async function crawl(context: BrowserContext, base: string, start = '/'): Promise<Crawl> {
  const origin = new URL(base).origin;
  const external: string[] = [];
  const note = (url: string) => {
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin)
      external.push(url);
  };
  context.on('request', (request) => note(request.url()));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith(origin) ? route.continue() : route.abort();
  });

  const page = await context.newPage();
  let errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));

  const visits = new Map<string, Visit>();
  // Files such as the PDFs are fetched, not opened: Chromium would download them instead of showing a page.
  const files = new Map<string, { status: number; from: string }>();
  const anchors: Array<{ from: string; path: string; hash: string }> = [];
  const queue = [start];
  const referrers = new Map<string, string>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (visits.has(path)) continue;
    errors = [];
    const response = await page.goto(origin + path, { waitUntil: 'load' });
    const status = response?.status() ?? 0;
    const found = await page.evaluate(() => ({
      links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
      languages: [...document.querySelectorAll('starlight-lang-select option')].map(
        (o) => new URL((o as HTMLOptionElement).value, location.href).href,
      ),
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    }));
    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
        resultTypes: ['violations'],
      });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    visits.set(path, { status, consoleErrors: errors, accessibility: violations, ids: new Set(found.ids) });
    for (const href of [...found.links, ...found.languages]) {
      const url = new URL(href);
      if (url.origin !== origin) continue;
      if (/\.(pdf|json)$/.test(url.pathname)) {
        if (!files.has(url.pathname)) {
          const fetched = await context.request.get(origin + url.pathname);
          files.set(url.pathname, { status: fetched.status(), from: path });
        }
        continue;
      }
      if (url.hash.length > 1)
        anchors.push({ from: path, path: url.pathname, hash: decodeURIComponent(url.hash.slice(1)) });
      if (!visits.has(url.pathname) && !queue.includes(url.pathname)) {
        queue.push(url.pathname);
        referrers.set(url.pathname, path);
      }
    }
  }
  await page.close();
  await context.unroute('**/*');

  const broken = [
    ...[...files]
      .filter(([, f]) => f.status !== 200)
      .map(([p, f]) => `${p} (${f.status}, linked from ${f.from})`),
    ...[...visits]
      .filter(([, v]) => v.status !== 200)
      .map(([p, v]) => `${p} (${v.status}, linked from ${referrers.get(p)})`),
    ...anchors
      .filter((a) => visits.get(a.path)?.status === 200 && !visits.get(a.path)!.ids.has(a.hash))
      .map((a) => `${a.path}#${a.hash} (linked from ${a.from})`),
  ];
  return { visits, external, broken };
}
