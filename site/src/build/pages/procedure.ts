import { localize, type Procedure, type Step, t, targetDurationText } from '@runbook/core';
import { type Page, type PageContext, procedureSlug } from '../context.ts';
import { checklistHtml, commandBlocks, stepAnchor } from '../fragments.ts';
import { code, html, text } from '../md.ts';

function stepSection(ctx: PageContext, step: Step, index: number): string {
  const { lang } = ctx;
  const flag = step.destructive ? ` <span class="rb-destructive">${text(t('destructive', lang))}</span>` : '';
  // A bordered note rather than a Starlight aside: same warning, without an SVG icon per step in the page weight.
  const explanation = step.destructive
    ? `<div class="rb-danger" role="note"><strong>⚠ ${html(t('destructive', lang))}</strong> ${html(localize(step.explanation, lang))}</div>`
    : text(localize(step.explanation, lang));
  return [
    `### <span id="${stepAnchor(step.id)}"></span>${index + 1}. ${text(localize(step.title, lang))}${flag}`,
    explanation,
    commandBlocks(ctx, step.runbook, step.commands),
    `**${text(t('expected', lang))}** — ${text(localize(step.expected, lang))}`,
    `**${text(t('verify', lang))}** — ${text(localize(step.verify, lang))}`,
  ].join('\n\n');
}

/** One page per procedure: when, how long, what must hold, then every step with both ways to run it. */
export function procedurePage(ctx: PageContext, procedure: Procedure, order: number): Page {
  const { lang, runbook } = ctx;
  const sections = [
    `## ${text(t('whenToUse', lang))}`,
    text(localize(procedure.whenToUse, lang)),
    `**${text(t('targetDuration', lang))}** — ${text(targetDurationText(procedure, lang))}`,
  ];
  if (procedure.dataLossWindow) {
    // A restore discards recent writes: that must be read before anything is run, so it sits above the steps.
    sections.push(
      `:::caution[${text(t('dataLossWindow', lang))}]\n**${text(localize(procedure.dataLossWindow, lang))}**\n:::`,
    );
  }
  if (procedure.preconditions.length > 0) {
    sections.push(
      `## ${text(t('preconditions', lang))}`,
      procedure.preconditions.map((p) => `- ${text(localize(p, lang))}`).join('\n'),
    );
  }
  sections.push(`## ${text(t('wholeProcedure', lang))}`, code('bash', procedure.runbook));
  sections.push(`## ${text(t('steps', lang))}`, ...procedure.steps.map((s, i) => stepSection(ctx, s, i)));
  if (procedure.kind === 'verification') {
    for (const checklist of runbook.checklists.filter((c) => c.phase === 'after')) {
      sections.push(`## ${text(localize(checklist.title, lang))}`, checklistHtml(ctx, checklist));
    }
  }
  return {
    slug: procedureSlug(procedure.id),
    title: localize(procedure.title, lang),
    description: localize(procedure.whenToUse, lang),
    order,
    badge: procedure.recommended ? t('recommended', lang) : undefined,
    body: sections.join('\n\n'),
  };
}
