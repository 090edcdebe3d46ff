import { escalationWindowText, localize, t } from '@runbook/core';
import { type Page, type PageContext, SLUGS } from '../context.ts';
import { phoneHtml } from '../fragments.ts';
import { html, htmlTable, text } from '../md.ts';

/** Levels in time order, with the names to call; contact details live in the contacts table. */
export function escalationTable(ctx: PageContext): string {
  const { lang, runbook } = ctx;
  const levels = [...runbook.escalation].sort((a, b) => a.fromMinutes - b.fromMinutes);
  return htmlTable(
    'rb-escalation',
    [t('level', lang), t('escalationWhen', lang), t('escalation', lang), t('contacts', lang)],
    levels.map((l) => [
      String(l.level),
      html(escalationWindowText(l.fromMinutes, l.toMinutes, lang)),
      html(localize(l.label, lang)),
      l.contacts
        .map((id) => runbook.contacts.find((c) => c.id === id))
        .map((c) => (c ? html(`${c.name} (${localize(c.role, lang)})`) : ''))
        .join(', '),
    ]),
  );
}

export function contactsPage(ctx: PageContext): Page {
  const { lang, runbook, publicBuild } = ctx;
  const head = [t('role', lang), t('name', lang)];
  const contacts = publicBuild
    ? [
        `:::note\n${text(t('contactsHidden', lang))}\n:::`,
        htmlTable(
          'rb-contacts',
          head,
          runbook.contacts.map((c) => [html(localize(c.role, lang)), html(c.name)]),
        ),
      ]
    : [
        htmlTable(
          'rb-contacts',
          [...head, t('phone', lang), t('email', lang)],
          runbook.contacts.map((c) => [
            html(localize(c.role, lang)),
            html(c.name),
            phoneHtml(ctx, c.phone),
            `<a href="mailto:${html(c.email)}">${html(c.email)}</a>`,
          ]),
        ),
      ];
  return {
    slug: SLUGS.contacts,
    title: t('contacts', lang),
    body: [...contacts, `## ${text(t('escalation', lang))}`, escalationTable(ctx)].join('\n\n'),
  };
}
