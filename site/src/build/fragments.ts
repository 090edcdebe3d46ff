import {
  type Checklist,
  type Contact,
  type Criterion,
  criterionThresholdText,
  criterionWindowText,
  localize,
  type ManualCommand,
  t,
} from '@runbook/core';
import { link, type PageContext, procedureSlug } from './context.ts';
import { code, html, text } from './md.ts';

/** The tool's command and its manual equivalents, each in its own block so each gets a copy button. */
export function commandBlocks(
  ctx: PageContext,
  runbook: string | undefined,
  manual: readonly ManualCommand[],
): string {
  const parts: string[] = [];
  if (runbook) parts.push(`**${text(t('withTool', ctx.lang))}**`, code('bash', runbook));
  if (manual.length > 0) {
    parts.push(`**${text(t('manual', ctx.lang))}**`, ...manual.map((c) => code(c.lang, c.code)));
  }
  return parts.join('\n\n');
}

/** `tel:` wants digits only; the plan writes numbers with spaces. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^+0-9X]/gi, '')}`;

/** A contact's name and, unless the build is public, links to call or mail them. */
export function contactLine(ctx: PageContext, contact: Contact): string {
  const who = `${text(contact.name)} (${text(localize(contact.role, ctx.lang))})`;
  if (ctx.publicBuild) return who;
  return `${who} — [${text(contact.phone)}](${telHref(contact.phone)}) — [${text(contact.email)}](mailto:${contact.email})`;
}

export function thresholdText(ctx: PageContext, criterion: Criterion): string {
  return criterionThresholdText(criterion, ctx.lang);
}

export function windowText(ctx: PageContext, criterion: Criterion): string {
  return criterionWindowText(criterion, ctx.lang);
}

export function procedureLinkMd(ctx: PageContext, id: string): string {
  const procedure = ctx.runbook.procedures.find((p) => p.id === id);
  return `[${text(procedure ? localize(procedure.title, ctx.lang) : id)}](${link(ctx, procedureSlug(id))})`;
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
    return `<li><input type="checkbox" id="${id}" data-tick="${html(key)}"> <label for="${id}">${html(localize(item.label, lang))}</label>${ref}</li>`;
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
