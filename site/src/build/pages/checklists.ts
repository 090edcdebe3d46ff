import { localize, t } from '@runbook/core';
import { type Page, type PageContext, SLUGS } from '../context.ts';
import { checklistHtml, incidentBar } from '../fragments.ts';
import { text } from '../md.ts';

/** Every checklist in the plan's order: pre-rollback, then the control points, then the post-mortem. */
export function checklistsPage(ctx: PageContext): Page {
  const { lang, runbook } = ctx;
  return {
    slug: SLUGS.checklists,
    title: t('checklists', lang),
    body: [
      incidentBar(ctx),
      ...runbook.checklists.map((c) => `## ${text(localize(c.title, lang))}\n\n${checklistHtml(ctx, c)}`),
    ].join('\n\n'),
  };
}
