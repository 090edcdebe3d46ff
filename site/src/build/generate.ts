import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { localize, sitePrefix, t } from '@runbook/core';
import { assertNoSlugClash, link, overdueBanner, type Page, type PageContext } from './context.ts';
import type { SiteInput } from './load.ts';
import { frontmatter, text } from './md.ts';
import { checklistsPage } from './pages/checklists.ts';
import { contactsPage } from './pages/contacts.ts';
import { homePage } from './pages/home.ts';
import { alertsPage, commandsPage, dashboardsPage } from './pages/monitoring.ts';
import { procedurePage } from './pages/procedure.ts';
import { communicationPage, postmortemPage } from './pages/templates.ts';

/** Every page of one language. */
export function pagesFor(ctx: PageContext): Page[] {
  return [
    homePage(ctx),
    ...ctx.runbook.procedures.map((p, i) => procedurePage(ctx, p, i + 1)),
    checklistsPage(ctx),
    contactsPage(ctx),
    communicationPage(ctx),
    postmortemPage(ctx),
    alertsPage(ctx),
    dashboardsPage(ctx),
    commandsPage(ctx),
  ];
}

export function pageMarkdown(ctx: PageContext, page: Page): string {
  const banner = page.banner === false ? undefined : overdueBanner(ctx);
  const sidebar =
    page.order === undefined
      ? undefined
      : { order: page.order, ...(page.badge ? { badge: page.badge } : {}) };
  const head = frontmatter({
    title: page.title,
    description: page.description,
    sidebar,
    banner: banner ? { content: banner } : undefined,
  });
  return `${head}\n${page.body}\n`;
}

function notFoundMarkdown(ctx: PageContext): string {
  const head = frontmatter({ title: t('notFoundTitle', ctx.lang), pagefind: false });
  const home = link(ctx, '');
  return `${head}\n${text(t('notFound', ctx.lang))} [${text(localize(ctx.runbook.meta.title, ctx.lang))}](${home})\n`;
}

/** Path of a page's file in the content collection: the first language at the root, the others in their folder. */
export function pagePath(ctx: Pick<PageContext, 'runbook' | 'lang'>, slug: string): string {
  return `${sitePrefix(ctx.runbook, ctx.lang)}${slug || 'index'}.md`;
}

/**
 * Writes the whole site as Markdown into `dir`, emptied first so a procedure removed from the data
 * leaves no stale page behind. Returns the files written, relative to `dir`.
 */
export function generateSite(input: SiteInput, dir: string): string[] {
  assertNoSlugClash(
    input.runbook.procedures.map((p) => p.id),
    input.runbook.meta.languages,
  );
  rmSync(dir, { recursive: true, force: true });
  const written: string[] = [];
  for (const lang of input.runbook.meta.languages) {
    const ctx: PageContext = { ...input, lang };
    for (const page of pagesFor(ctx)) {
      const file = pagePath(ctx, page.slug);
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), pageMarkdown(ctx, page));
      written.push(file);
    }
    // Starlight writes one 404 page, in the first language: the others get theirs at /<lang>/404/, which the
    // server (serve-lib.mjs) and the service worker answer a missing page of that language with.
    if (lang !== input.runbook.meta.languages[0]) {
      const file = pagePath(ctx, '404');
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), notFoundMarkdown(ctx));
      written.push(file);
    }
  }
  return written;
}
