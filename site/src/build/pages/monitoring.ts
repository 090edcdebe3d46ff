import {
  ACTION_LABELS,
  type Alert,
  breachWindowText,
  criterionAlertExpr,
  localize,
  serviceMetricLabels,
  t,
} from '@runbook/core';
import { type Page, type PageContext, SLUGS } from '../context.ts';
import { commandBlocks, procedureLinkMd, thresholdText, windowText } from '../fragments.ts';
import { code, table, text } from '../md.ts';

function alertSection(ctx: PageContext, alert: Alert): string {
  const { lang, runbook } = ctx;
  const criterion = alert.criterion ? runbook.criteria.find((c) => c.id === alert.criterion) : undefined;
  const rows: string[][] = [
    [
      text(t('severity', lang)),
      text(t(alert.severity === 'critical' ? 'severityCritical' : 'severityWarning', lang)),
    ],
    [text(t('action', lang)), text(localize(ACTION_LABELS[alert.action], lang))],
  ];
  let promql: string | null = null;
  if (criterion) {
    rows.push(
      [text(t('criterion', lang)), text(localize(criterion.label, lang))],
      [text(t('threshold', lang)), text(thresholdText(ctx, criterion))],
      [text(t('window', lang)), text(windowText(ctx, criterion))],
      [text(t('procedure', lang)), procedureLinkMd(ctx, criterion.procedure)],
    );
    // The expression the exported alert rule fires on, from core, so page and rule cannot disagree.
    if (criterion.kind === 'metric') promql = criterionAlertExpr(criterion, serviceMetricLabels(runbook));
  } else if (alert.condition) {
    const c = alert.condition;
    rows.push(
      [text(t('condition', lang)), text(`${c.metric} ${c.comparator} ${c.threshold}`)],
      [text(t('window', lang)), text(breachWindowText(c.window, lang))],
    );
    promql = `${c.query ?? c.metric} ${c.comparator} ${c.threshold}`;
  }
  const parts = [
    `## ${text(localize(alert.name, lang))}`,
    rows.map(([k, v]) => `- **${k}** — ${v}`).join('\n'),
  ];
  if (promql) parts.push(`**${text(t('promql', lang))}**`, code('txt', promql));
  return parts.join('\n\n');
}

export function alertsPage(ctx: PageContext): Page {
  return {
    slug: SLUGS.alerts,
    title: t('alerts', ctx.lang),
    body: ctx.runbook.alerts.map((a) => alertSection(ctx, a)).join('\n\n'),
  };
}

/** URLs are written out in full: the printed copy must still say where to look. */
export function dashboardsPage(ctx: PageContext): Page {
  const { lang, runbook } = ctx;
  return {
    slug: SLUGS.dashboards,
    title: t('dashboards', lang),
    body: table(
      [t('name', lang), t('url', lang), t('purpose', lang)].map(text),
      runbook.dashboards.map((d) => [
        text(localize(d.name, lang)),
        `[${text(d.url)}](${d.url})`,
        text(localize(d.purpose, lang)),
      ]),
    ),
  };
}

export function commandsPage(ctx: PageContext): Page {
  const { lang, runbook } = ctx;
  return {
    slug: SLUGS.commands,
    title: t('quickCommands', lang),
    body: runbook.quickCommands
      .map((q) =>
        [
          `## ${text(localize(q.title, lang))}`,
          `${text(t('alias', lang))} — ${text(q.alias)}`,
          commandBlocks(ctx, q.runbook, [{ lang: 'bash', code: q.manual }]),
        ].join('\n\n'),
      )
      .join('\n\n'),
  };
}
