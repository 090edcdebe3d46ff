import { contentHash, type Lang, lint, parseDuration, type Runbook, sitePrefix, t } from '@runbook/core';
import type { SiteInput } from './load.ts';

/** Everything a page generator needs: the build input and the language it writes in. */
export interface PageContext extends SiteInput {
  lang: Lang;
}

/** One generated page, the same slug in every language so Starlight pairs the translations. */
export interface Page {
  slug: string;
  title: string;
  description?: string;
  /** Position in the sidebar's procedures group. */
  order?: number;
  badge?: string;
  /** `false`: no overdue-review banner above the page (the home page shows it under its command). */
  banner?: false;
  body: string;
}

/** Slugs of the fixed pages; procedures live under `procedures/<id>`. */
export const SLUGS = {
  checklists: 'checklists',
  contacts: 'contacts',
  communication: 'communication',
  postmortem: 'postmortem',
  alerts: 'alerts',
  dashboards: 'dashboards',
  commands: 'commands',
} as const;

/** The runbook's first language sits at the root, the others under `/<lang>/`; links keep Starlight's trailing slash. */
export function link(ctx: Pick<PageContext, 'runbook' | 'lang'>, slug: string): string {
  return `/${sitePrefix(ctx.runbook, ctx.lang)}${slug ? `${slug}/` : ''}`;
}

/**
 * Procedures sit at the root (`/<id>/`, `/<lang>/<id>/`): that is the address core's `procedureDocsUrl` puts in
 * alert annotations, so an alert's runbook link lands on its page.
 */
export const procedureSlug = (id: string) => id;

/** A procedure id equal to a fixed page's slug would silently replace that page. */
export function assertNoSlugClash(procedureIds: readonly string[], languages: readonly Lang[]): void {
  const fixed = new Set<string>([...Object.values(SLUGS), ...languages.map((l) => l.toLowerCase())]);
  const clash = procedureIds.filter((id) => fixed.has(id) || id === 'index');
  if (clash.length > 0)
    throw new Error(`procedure id(s) ${clash.join(', ')} clash with a page of the site; rename them`);
}

/** The review due date, and whether core's lint rule says it has passed. */
export function reviewStatus({ runbook, now }: SiteInput): { due: string; overdue: boolean } {
  return buildFacts({ runbook, now });
}

export interface BuildFacts {
  hash: string;
  due: string;
  overdue: boolean;
}

/**
 * Per runbook and date, computed once: every page's banner and footer show them, and linting and hashing the
 * whole runbook on each page made the build quadratic in its size.
 */
const factsCache = new WeakMap<Runbook, { at: number; facts: BuildFacts }>();

/** The runbook's content hash and review status on the build date. */
export function buildFacts({ runbook, now }: Pick<SiteInput, 'runbook' | 'now'>): BuildFacts {
  const hit = factsCache.get(runbook);
  if (hit?.at === now.getTime()) return hit.facts;
  const dueMs =
    Date.parse(`${runbook.meta.lastReviewed}T00:00:00Z`) + parseDuration(runbook.meta.reviewInterval);
  const overdue = lint(runbook, { now }).some((p) => p.rule === 'review-overdue');
  const facts = { hash: contentHash(runbook), due: new Date(dueMs).toISOString().slice(0, 10), overdue };
  factsCache.set(runbook, { at: now.getTime(), facts });
  return facts;
}

/** The overdue warning shown in Starlight's banner slot on every page, or nothing when the review is current. */
export function overdueBanner(ctx: PageContext): string | undefined {
  const { due, overdue } = reviewStatus(ctx);
  if (!overdue) return undefined;
  const { lang, runbook } = ctx;
  return `<strong>⚠ ${t('reviewOverdue', lang)}</strong> — ${t('lastReviewed', lang)} ${runbook.meta.lastReviewed} (${t('reviewDue', lang)} ${due})`;
}
