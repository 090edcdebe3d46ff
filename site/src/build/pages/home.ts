import { ACTION_LABELS, escalationAt, localize, t } from '@runbook/core';
import { quickCommandBody } from '../commands.ts';
import { overdueBanner, type Page, type PageContext } from '../context.ts';
import { contactLine, procedureLinkHtml, thresholdText, windowText } from '../fragments.ts';
import { html, htmlTable, text } from '../md.ts';
import { PROCEDURE_INDEX_ID, SIDEBAR_PROCEDURES_MAX } from '../sidebar.ts';
import { escalationTable } from './contacts.ts';

/** Where the printout sits on the site (written by the build, except in a public build: the PDF has the phones). */
export const pdfHref = (lang: string) => `/pdf/runbook-${lang}.pdf`;

function printedSection(ctx: PageContext): string[] {
  if (ctx.publicBuild) return [];
  const { lang, runbook } = ctx;
  const links = runbook.meta.languages.flatMap((l) => [
    `<li><a href="${pdfHref(l)}" hreflang="${html(l)}" data-pdf>${html(t('fullPdf', lang))} — ${html(l.toUpperCase())}</a> · <a href="${pdfHref(l)}#page=1" hreflang="${html(l)}" data-pdf>${html(t('quickReference', lang))}</a></li>`,
  ]);
  return [
    `## ${text(t('printed', lang))}`,
    text(t('printedHint', lang)),
    `<ul class="rb-printed">${links.join('')}</ul>`,
  ];
}

/** Every procedure, when there are too many for the sidebar to list on every page. */
function procedureIndex(ctx: PageContext): string[] {
  const { lang, runbook } = ctx;
  if (runbook.procedures.length <= SIDEBAR_PROCEDURES_MAX) return [];
  const items = runbook.procedures.map((p) => `<li>${procedureLinkHtml(ctx, p.id)}</li>`);
  return [`## ${text(t('allProcedures', lang))}`, `<ul id="${PROCEDURE_INDEX_ID}">${items.join('')}</ul>`];
}

/**
 * What someone opening the runbook mid-incident needs first: the command, then whether to roll back and whom to
 * call. The notice and the overdue-review warning come after the command, so a phone's first screen shows it.
 */
export function homePage(ctx: PageContext): Page {
  const { lang, runbook } = ctx;
  const sections: string[] = [];
  const now = runbook.quickCommands.find((q) => q.id === 'rollback-now');
  if (now) {
    sections.push(`## ${text(t('rollbackNow', lang))}`, quickCommandBody(ctx, now, { title: true }));
  }
  const overdue = overdueBanner(ctx);
  if (overdue) sections.push(`<p class="rb-overdue-note" role="note">${overdue}</p>`);
  sections.push(`:::caution\n${text(localize(runbook.meta.notice, lang))}\n:::`);
  sections.push(
    `## ${text(t('criteria', lang))}`,
    htmlTable(
      'rb-criteria',
      [
        t('criterion', lang),
        t('threshold', lang),
        t('window', lang),
        t('action', lang),
        t('procedure', lang),
      ],
      runbook.criteria.map((c) => [
        // The description the PDF's criteria section shows under each label.
        `<strong>${html(localize(c.label, lang))}</strong><br><span class="rb-desc">${html(localize(c.description, lang))}</span>`,
        html(thresholdText(ctx, c)),
        html(windowText(ctx, c)),
        html(localize(ACTION_LABELS[c.action], lang)),
        procedureLinkHtml(ctx, c.procedure),
      ]),
    ),
  );
  const onCall = escalationAt(runbook, 0);
  sections.push(
    `## ${text(t('onCall', lang))}`,
    `<ul class="rb-oncall">${onCall.contacts.map((c) => `<li>${contactLine(ctx, c)}</li>`).join('')}</ul>`,
    `## ${text(t('escalation', lang))}`,
    escalationTable(ctx),
    ...procedureIndex(ctx),
    ...printedSection(ctx),
  );
  return {
    slug: '',
    title: localize(runbook.meta.title, lang),
    description: localize(runbook.meta.notice, lang),
    // The overdue warning is in the body, under the command, instead of above everything.
    banner: false,
    body: sections.join('\n\n'),
  };
}
