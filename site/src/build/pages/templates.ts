import { type Lang, localize, placeholderExample, type Template, t } from '@runbook/core';
import { fill } from '../../client/fill.ts';
import { type Page, type PageContext, SLUGS } from '../context.ts';
import { checklistHtml, incidentBar } from '../fragments.ts';
import { html, htmlLine, text } from '../md.ts';

const missingLine = (lang: Lang, labels: string[]) =>
  labels.length > 0 ? `${t('missingValue', lang)} — ${labels.join(', ')}` : '';

/**
 * A form per template: one field per placeholder and the filled text, already rendered so the page is useful
 * without JavaScript; the client script refills it on input. Every field starts empty: an example value
 * (`14:05`, `v1.2.3`) is only the field's placeholder, never a fact copied into a message, and a default shows
 * as such. Copying with a required field still empty names it instead of copying.
 */
export function templateForm(ctx: PageContext, template: Template): string {
  const { lang } = ctx;
  const prefix = `tpl-${template.id}`;
  const defaults: Record<string, string> = {};
  const values: Record<string, string> = {};
  const fields = template.placeholders.map((p) => {
    const id = `${prefix}-${p.name}`;
    const fallback = p.default ? localize(p.default, lang) : undefined;
    if (fallback !== undefined) defaults[p.name] = fallback;
    const example = placeholderExample(p, lang);
    const hint =
      fallback !== undefined
        ? `${t('defaultValue', lang)}${lang === 'fr' ? ' :' : ':'} ${fallback}`
        : example !== undefined
          ? `${t('example', lang)} ${example}`
          : '';
    values[p.name] = '';
    const attrs = [
      `id="${id}" name="${html(p.name)}"`,
      fallback === undefined ? ' required' : ` data-default="${htmlLine(fallback)}"`,
      hint ? ` placeholder="${htmlLine(hint)}"` : '',
    ].join('');
    const input =
      p.type === 'list' ? `<textarea ${attrs} rows="5"></textarea>` : `<input ${attrs} type="text" value="">`;
    return `<div class="rb-field"><label for="${id}">${html(localize(p.label, lang))}</label>${input}</div>`;
  });
  const filled = fill(localize(template.body, lang), values, defaults);
  const labels: Record<string, string> = Object.fromEntries(
    template.placeholders.map((p) => [p.name, localize(p.label, lang)]),
  );
  return [
    `<form class="rb-template" data-template="${html(template.id)}" data-body="${htmlLine(localize(template.body, lang))}" data-labels="${html(JSON.stringify(labels))}">`,
    ...fields,
    `<div class="rb-field"><label for="${prefix}-out">${html(t('filledText', lang))}</label><textarea id="${prefix}-out" class="rb-output" readonly rows="12">${htmlLine(filled.text)}</textarea></div>`,
    `<p class="rb-missing" role="status" data-missing-label="${html(t('missingValue', lang))}" data-not-copied="${html(t('notCopied', lang))}">${html(
      missingLine(
        lang,
        filled.missing.map((n) => labels[n] ?? n),
      ),
    )}</p>`,
    `<button type="button" class="rb-button" data-copy="${prefix}-out" data-copied="${html(t('copied', lang))}">${html(t('copy', lang))}</button>`,
    '</form>',
  ].join('\n');
}

const section = (ctx: PageContext, template: Template) =>
  `## ${text(localize(template.title, ctx.lang))}\n\n${templateForm(ctx, template)}`;

export function communicationPage(ctx: PageContext): Page {
  const templates = ctx.runbook.templates.filter((tpl) => tpl.audience !== 'post-mortem');
  return {
    slug: SLUGS.communication,
    title: t('templates', ctx.lang),
    body: templates.map((tpl) => section(ctx, tpl)).join('\n\n'),
  };
}

export function postmortemPage(ctx: PageContext): Page {
  const { runbook, lang } = ctx;
  const parts = runbook.templates
    .filter((tpl) => tpl.audience === 'post-mortem')
    .map((tpl) => section(ctx, tpl));
  const checklists = runbook.checklists.filter((c) => c.phase === 'post-mortem');
  if (checklists.length > 0) parts.push(incidentBar(ctx));
  for (const checklist of checklists) {
    parts.push(`## ${text(localize(checklist.title, lang))}\n\n${checklistHtml(ctx, checklist)}`);
  }
  return { slug: SLUGS.postmortem, title: t('postmortem', lang), body: parts.join('\n\n') };
}
