import { ACTION_LABELS, escalationAt, localize, t } from '@runbook/core';
import type { Page, PageContext } from '../context.ts';
import { commandBlocks, contactLine, procedureLinkMd, thresholdText, windowText } from '../fragments.ts';
import { table, text } from '../md.ts';
import { escalationTable } from './contacts.ts';

/** What someone opening the runbook mid-incident needs first: whether to roll back, how, and whom to call. */
export function homePage(ctx: PageContext): Page {
  const { lang, runbook } = ctx;
  const sections = [`:::caution\n${text(localize(runbook.meta.notice, lang))}\n:::`];
  const now = runbook.quickCommands.find((q) => q.id === 'rollback-now');
  if (now) {
    sections.push(
      `## ${text(t('rollbackNow', lang))}`,
      text(localize(now.title, lang)),
      commandBlocks(ctx, now.runbook, [{ lang: 'bash', code: now.manual }]),
    );
  }
  sections.push(
    `## ${text(t('criteria', lang))}`,
    table(
      [
        t('criterion', lang),
        t('threshold', lang),
        t('window', lang),
        t('action', lang),
        t('procedure', lang),
      ].map(text),
      runbook.criteria.map((c) => [
        text(localize(c.label, lang)),
        text(thresholdText(ctx, c)),
        text(windowText(ctx, c)),
        text(localize(ACTION_LABELS[c.action], lang)),
        procedureLinkMd(ctx, c.procedure),
      ]),
    ),
  );
  const onCall = escalationAt(runbook, 0);
  sections.push(
    `## ${text(t('onCall', lang))}`,
    onCall.contacts.map((c) => `- ${contactLine(ctx, c)}`).join('\n'),
    `## ${text(t('escalation', lang))}`,
    escalationTable(ctx),
  );
  return {
    slug: '',
    title: localize(runbook.meta.title, lang),
    description: localize(runbook.meta.notice, lang),
    body: sections.join('\n\n'),
  };
}
