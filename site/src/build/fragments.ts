import {
  type Checklist,
  type Contact,
  type Criterion,
  criterionThresholdText,
  criterionWindowText,
  localize,
  phoneText,
  t,
} from '@runbook/core';
import { link, type PageContext, procedureSlug } from './context.ts';
import { html, htmlProse, text } from './md.ts';

/**
 * A phone number to call, as a `tel:` link; a placeholder number (`+33 6 XX XX XX XX`) reads "number to fill in",
 * with no link, since nobody can be called on it.
 */
export function phoneHtml(ctx: PageContext, phone: string): string {
  const shown = phoneText(phone, ctx.lang);
  if (shown.tel === null) return `<span class="rb-phone-todo">${html(shown.text)}</span>`;
  return `<a href="${html(shown.tel)}">${html(shown.text)}</a>`;
}

/** A contact's name and, unless the build is public, links to call or mail them (HTML). */
export function contactLine(ctx: PageContext, contact: Contact): string {
  const who = html(`${contact.name} (${localize(contact.role, ctx.lang)})`);
  if (ctx.publicBuild) return who;
  return `${who} — ${phoneHtml(ctx, contact.phone)} — <a href="mailto:${html(contact.email)}">${html(contact.email)}</a>`;
}

export function thresholdText(ctx: PageContext, criterion: Criterion): string {
  return criterionThresholdText(criterion, ctx.lang);
}

export function windowText(ctx: PageContext, criterion: Criterion): string {
  return criterionWindowText(criterion, ctx.lang);
}

/** A link to a procedure's page, as HTML (table cells). */
export function procedureLinkHtml(ctx: PageContext, id: string): string {
  const procedure = ctx.runbook.procedures.find((p) => p.id === id);
  const label = procedure ? localize(procedure.title, ctx.lang) : id;
  return `<a href="${html(link(ctx, procedureSlug(id)))}">${html(label)}</a>`;
}

export function procedureLinkMd(ctx: PageContext, id: string): string {
  const procedure = ctx.runbook.procedures.find((p) => p.id === id);
  return `[${text(procedure ? localize(procedure.title, ctx.lang) : id)}](${link(ctx, procedureSlug(id))})`;
}

/**
 * Which incident the ticks on this page belong to, with the one button that starts a new one (and unticks
 * everything): ticks from a previous incident are never shown. Filled in by the client script.
 */
export function incidentBar(ctx: PageContext): string {
  const { lang } = ctx;
  return [
    `<div class="rb-incident" data-incident data-none="${html(t('noIncident', lang))}" data-of="${html(t('incidentOf', lang))}">`,
    `<span class="rb-incident-text" role="status">${html(t('noIncident', lang))}</span>`,
    `<button type="button" class="rb-button" data-new-incident>${html(t('newIncident', lang))}</button>`,
    '</div>',
  ].join('');
}

/**
 * A list to tick. Raw HTML kept on single lines: a blank line would end the HTML block in Markdown.
 * The client script keeps ticks in localStorage under `data-tick`.
 */
export function checklistHtml(ctx: PageContext, checklist: Checklist): string {
  const { lang } = ctx;
  const items = checklist.items.map((item) => {
    const key = `${checklist.id}/${item.id}`;
    const id = `tick-${checklist.id}-${item.id}`;
    const ref = item.ref ? refLink(ctx, item.ref) : '';
    return `<li><input type="checkbox" id="${id}" data-tick="${html(key)}"> <label for="${id}">${htmlProse(localize(item.label, lang))}</label>${ref}</li>`;
  });
  return [
    `<div class="rb-checklist" data-checklist="${html(checklist.id)}">`,
    '<ul>',
    ...items,
    '</ul>',
    `<button type="button" class="rb-button" data-reset="${html(checklist.id)}">${html(t('resetChecklist', lang))}</button>`,
    '</div>',
  ].join('\n');
}

function refLink(ctx: PageContext, ref: string): string {
  const [procedureId, stepId] = ref.split('/');
  const procedure = ctx.runbook.procedures.find((p) => p.id === procedureId);
  if (!procedure) return '';
  const step = procedure.steps.find((s) => s.id === stepId);
  const label = step
    ? `${localize(procedure.title, ctx.lang)} › ${localize(step.title, ctx.lang)}`
    : localize(procedure.title, ctx.lang);
  const href = link(ctx, procedureSlug(procedure.id)) + (step ? `#${stepAnchor(step.id)}` : '');
  return ` — <a href="${html(href)}">${html(label)}</a>`;
}

/** Steps carry explicit anchors so checklists can point at them whatever the heading text becomes. */
export const stepAnchor = (stepId: string) => `step-${stepId}`;
