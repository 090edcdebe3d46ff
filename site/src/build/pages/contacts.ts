import { escalationWindowText, localize, t } from '@runbook/core';
import { type Page, type PageContext, SLUGS } from '../context.ts';
import { telHref } from '../fragments.ts';
import { table, text } from '../md.ts';

/** Levels in time order, with the names to call; contact details live in the contacts table. */
export function escalationTable(ctx: PageContext): string {
  const { lang, runbook } = ctx;
  const levels = [...runbook.escalation].sort((a, b) => a.fromMinutes - b.fromMinutes);
  return table(
    [t('level', lang), t('escalationWhen', lang), t('escalation', lang), t('contacts', lang)].map(text),
    levels.map((l) => [
      String(l.level),
      escalationWindowText(l.fromMinutes, l.toMinutes, lang),
      text(localize(l.label, lang)),
      l.contacts
        .map((id) => runbook.contacts.find((c) => c.id === id))
        .map((c) => (c ? text(`${c.name} (${localize(c.role, lang)})`) : ''))
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
        table(
          head.map(text),
          runbook.contacts.map((c) => [text(localize(c.role, lang)), text(c.name)]),
        ),
      ]
    : [
        table(
          [...head, t('phone', lang), t('email', lang)].map(text),
          runbook.contacts.map((c) => [
            text(localize(c.role, lang)),
            text(c.name),
            `[${text(c.phone)}](${telHref(c.phone)})`,
            `[${text(c.email)}](mailto:${c.email})`,
          ]),
        ),
      ];
  return {
    slug: SLUGS.contacts,
    title: t('contacts', lang),
    body: [...contacts, `## ${text(t('escalation', lang))}`, escalationTable(ctx)].join('\n\n'),
  };
}
