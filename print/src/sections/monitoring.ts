import type { Alert } from '@runbook/core';
import { breachWindowText, formatThreshold } from '@runbook/core';
import { drawCode } from '../code.ts';
import { actionText, thresholdText, windowText } from '../format.ts';
import { minorHeading, type NavCtx, sectionHeading } from '../headings.ts';
import { type Ctx, pageRoom, para, SIZE } from '../layout.ts';
import { badgeRoom, drawQuickCommandBody, headingBadge, quickCommandHeight } from '../quick.ts';
import { type Cell, type Column, drawTable } from '../table.ts';

/** Condition, threshold and window of an alert, from its criterion or from its own condition. */
function alertCells(ctx: Ctx, alert: Alert): [Cell, string, string] {
  const criterion = alert.criterion ? ctx.runbook.criteria.find((c) => c.id === alert.criterion) : undefined;
  if (criterion) return [ctx.l(criterion.label), thresholdText(ctx, criterion), windowText(ctx, criterion)];
  const condition = alert.condition;
  if (!condition) return ['—', '—', '—'];
  const threshold = formatThreshold({ ...condition, unit: 'count' }, ctx.lang);
  return [
    [{ text: condition.query ?? condition.metric, font: 'mono' }],
    threshold,
    breachWindowText(condition.window, ctx.lang),
  ];
}

export function drawAlerts(ctx: NavCtx): void {
  sectionHeading(ctx, 'alerts', ctx.ui('alerts'), { newPage: true });
  const columns: Column[] = [
    { header: ctx.ui('alert'), width: 1.8 },
    { header: ctx.ui('condition'), width: 2 },
    { header: ctx.ui('threshold'), width: 1.3, font: 'bold' },
    { header: ctx.ui('window'), width: 1.2 },
    { header: ctx.ui('severity'), width: 1.1 },
    { header: ctx.ui('action'), width: 1.4 },
  ];
  const rows: Cell[][] = ctx.runbook.alerts.map((alert) => [
    [{ text: ctx.l(alert.name), font: 'bold' }],
    ...alertCells(ctx, alert),
    ctx.ui(alert.severity === 'critical' ? 'severityCritical' : 'severityWarning'),
    actionText(ctx, alert.action),
  ]);
  drawTable(ctx.doc, columns, rows);
}

/** A list rather than a table: a URL typed from paper must be whole on one line, not squeezed in a cell. */
export function drawDashboards(ctx: NavCtx): void {
  sectionHeading(ctx, 'dashboards', ctx.ui('dashboards'), { newPage: false });
  for (const dashboard of ctx.runbook.dashboards) {
    minorHeading(ctx, ctx.l(dashboard.name), 50);
    para(ctx.doc, ctx.l(dashboard.purpose), { gap: 2 });
    drawCode(ctx.doc, dashboard.url);
  }
}

export function drawQuickCommands(ctx: NavCtx): void {
  const first = ctx.runbook.quickCommands[0];
  const keepWith = first ? Math.min(quickCommandHeight(ctx, first) + 30, pageRoom(ctx.doc) - 60) : 80;
  sectionHeading(ctx, 'quick-commands', ctx.ui('quickCommands'), { newPage: false, keepWith });
  for (const command of ctx.runbook.quickCommands) {
    const title = `${command.alias} · ${ctx.l(command.title)}`;
    const room = badgeRoom(ctx, command);
    // The heading goes with the whole command when it fits: a check must not be parted from its command.
    const body = quickCommandHeight(ctx, command);
    const top = minorHeading(ctx, title, body <= pageRoom(ctx.doc) - 40 ? body : 70, 0, room);
    headingBadge(ctx, command, top);
    ctx.doc.y = Math.max(ctx.doc.y, top + SIZE.small + 9);
    drawQuickCommandBody(ctx, command);
  }
}
