import {
  ACTION_LABELS,
  type Alert,
  type Checklist,
  type Criterion,
  contentHash,
  type Dashboard,
  formatThreshold,
  type Lang,
  localize,
  type Procedure,
  type QuickCommand,
  type Runbook,
  type Template,
  t,
  table,
} from '@runbook/core';
import { styles } from '../style.ts';

type S = ReturnType<typeof styles>;

const heading = (s: S, text: string) => `\n${s.bold(text)}\n${'═'.repeat(Math.min(78, text.length))}`;
const indent = (text: string, by = '    ') =>
  text
    .split('\n')
    .map((l) => by + l)
    .join('\n');

export function criterionThreshold(c: Criterion, lang: Lang): string {
  return c.kind === 'metric' ? formatThreshold(c, lang) : t('declaredByPerson', lang);
}

export function renderCriteria(runbook: Runbook, lang: Lang, s: S): string {
  const rows = runbook.criteria.map((c) => [
    c.id,
    localize(c.label, lang),
    criterionThreshold(c, lang),
    c.kind === 'metric' ? (c.window ?? t('atOnce', lang)) : '—',
    localize(ACTION_LABELS[c.action], lang),
    c.procedure,
  ]);
  const header = [
    'id',
    t('criterion', lang),
    t('threshold', lang),
    t('window', lang),
    t('action', lang),
    t('procedure', lang),
  ];
  return `${heading(s, t('criteria', lang))}\n${table(rows, header)}`;
}

export function renderProcedure(p: Procedure, lang: Lang, s: S): string {
  const lines = [heading(s, localize(p.title, lang))];
  lines.push(`${t('whenToUse', lang)}: ${localize(p.whenToUse, lang)}`);
  lines.push(
    `${t('targetDuration', lang)}: ${p.targetDuration.min === p.targetDuration.max ? p.targetDuration.max : `${p.targetDuration.min} – ${p.targetDuration.max}`}`,
  );
  lines.push(`${t('withTool', lang)}: ${s.cyan(p.runbook)}`);
  if (p.dataLossWindow)
    lines.push(s.yellow(`${t('dataLossWindow', lang)}: ${localize(p.dataLossWindow, lang)}`));
  if (p.preconditions.length) {
    lines.push(`${t('preconditions', lang)}:`, ...p.preconditions.map((c) => `  - ${localize(c, lang)}`));
  }
  p.steps.forEach((step, i) => {
    const flag = step.destructive ? ` ${s.red(`[${t('destructive', lang)}]`)}` : '';
    lines.push(
      '',
      s.bold(`${i + 1}. ${localize(step.title, lang)}`) + flag,
      indent(localize(step.explanation, lang), '   '),
    );
    if (step.runbook) lines.push(`   ${t('withTool', lang)}:`, `     $ ${s.cyan(step.runbook)}`);
    if (step.commands.length) {
      lines.push(`   ${t('manual', lang)}:`);
      for (const c of step.commands) {
        // An example is not a command: no prompt to copy from, and said so first.
        if (c.example)
          lines.push(`     ${s.yellow(`[${t('exampleAdapt', lang)}]`)}`, indent(c.code, '       '));
        else lines.push(indent(c.code, c.lang === 'sql' ? '     sql> ' : '     $ '));
      }
    }
    lines.push(
      `   ${t('expected', lang)}: ${localize(step.expected, lang)}`,
      `   ${t('verify', lang)}: ${localize(step.verify, lang)}`,
    );
  });
  return lines.join('\n');
}

export function renderChecklist(c: Checklist, lang: Lang, s: S): string {
  return [
    heading(s, localize(c.title, lang)),
    ...c.items.map((i) => `  [ ] ${localize(i.label, lang)}`),
  ].join('\n');
}

export function renderContacts(runbook: Runbook, lang: Lang, s: S): string {
  const rows = runbook.contacts.map((c) => [localize(c.role, lang), c.name, c.phone, c.email]);
  const ladder = runbook.escalation.map(
    (l) =>
      `  ${t('level', lang)} ${l.level} (${l.fromMinutes}–${l.toMinutes === null ? '' : l.toMinutes}${l.toMinutes === null ? '+' : ''} ${t('minutes', lang)}): ${localize(l.label, lang)}`,
  );
  return [
    heading(s, t('contacts', lang)),
    table(rows, [t('role', lang), t('name', lang), t('phone', lang), t('email', lang)]),
    heading(s, t('escalation', lang)),
    ...ladder,
  ].join('\n');
}

export function renderTemplateText(tpl: Template, lang: Lang, s: S): string {
  const vars = tpl.placeholders.map((p) => `  {{${p.name}}}  ${localize(p.label, lang)} (${p.type})`);
  return [heading(s, localize(tpl.title, lang)), indent(localize(tpl.body, lang), '  │ '), '', ...vars].join(
    '\n',
  );
}

export function renderAlerts(runbook: Runbook, lang: Lang, s: S): string {
  const condition = (a: Alert) => {
    const c = a.criterion ? runbook.criteria.find((x) => x.id === a.criterion) : undefined;
    if (c) return `${localize(c.label, lang)} (${criterionThreshold(c, lang)})`;
    return a.condition ? `${a.condition.metric} ${a.condition.comparator} ${a.condition.threshold}` : '';
  };
  const rows = runbook.alerts.map((a) => [
    localize(a.name, lang),
    condition(a),
    localize(ACTION_LABELS[a.action], lang),
  ]);
  return `${heading(s, t('alerts', lang))}\n${table(rows, [t('name', lang), t('condition', lang), t('action', lang)])}`;
}

export function renderDashboards(list: Dashboard[], lang: Lang, s: S): string {
  return [
    heading(s, t('dashboards', lang)),
    ...list.map((d) => `  - ${localize(d.name, lang)}: ${d.url}\n    ${localize(d.purpose, lang)}`),
  ].join('\n');
}

export function renderQuickCommands(list: QuickCommand[], lang: Lang, s: S): string {
  return [
    heading(s, t('quickCommands', lang)),
    ...list.map((q) => {
      const flag = q.destructive ? ` ${s.red(`[${t('destructive', lang)}]`)}` : '';
      const first = q.check
        ? `    ${t('runFirst', lang)}:\n    $ ${s.cyan(q.check.runbook)}\n    $ ${q.check.manual}\n    ${t('runThen', lang)}:\n`
        : '';
      return `  ${s.bold(q.alias)}: ${localize(q.title, lang)}${flag}\n${first}    $ ${s.cyan(q.runbook)}\n    $ ${q.manual}`;
    }),
  ].join('\n');
}

export function renderHeader(runbook: Runbook, lang: Lang, s: S): string {
  const m = runbook.meta;
  return [
    s.bold(localize(m.title, lang)),
    `${t('version', lang)}: ${m.version} · ${t('lastReviewed', lang)}: ${m.lastReviewed} · ${t('contentHash', lang)}: ${contentHash(runbook)}`,
    `namespace: ${m.namespace}`,
    localize(m.notice, lang),
  ].join('\n');
}

export function renderAll(runbook: Runbook, lang: Lang, color: boolean): string {
  const s = styles(color);
  return [
    renderHeader(runbook, lang, s),
    renderCriteria(runbook, lang, s),
    ...runbook.procedures.map((p) => renderProcedure(p, lang, s)),
    ...runbook.checklists.map((c) => renderChecklist(c, lang, s)),
    renderContacts(runbook, lang, s),
    ...runbook.templates.map((tpl) => renderTemplateText(tpl, lang, s)),
    renderAlerts(runbook, lang, s),
    renderDashboards(runbook.dashboards, lang, s),
    renderQuickCommands(runbook.quickCommands, lang, s),
  ].join('\n');
}

/** One item by id, whatever its kind; `null` when no item has that id. */
export function renderItem(runbook: Runbook, id: string, lang: Lang, color: boolean): string | null {
  const s = styles(color);
  const procedure = runbook.procedures.find((p) => p.id === id);
  if (procedure) return renderProcedure(procedure, lang, s);
  const criterion = runbook.criteria.find((c) => c.id === id);
  if (criterion) {
    return [
      heading(s, localize(criterion.label, lang)),
      localize(criterion.description, lang),
      `${t('threshold', lang)}: ${criterionThreshold(criterion, lang)}`,
      `${t('action', lang)}: ${localize(ACTION_LABELS[criterion.action], lang)} → ${criterion.procedure}`,
    ].join('\n');
  }
  const checklist = runbook.checklists.find((c) => c.id === id);
  if (checklist) return renderChecklist(checklist, lang, s);
  const template = runbook.templates.find((x) => x.id === id);
  if (template) return renderTemplateText(template, lang, s);
  const sections: Record<string, () => string> = {
    criteria: () => renderCriteria(runbook, lang, s),
    contacts: () => renderContacts(runbook, lang, s),
    escalation: () => renderContacts(runbook, lang, s),
    alerts: () => renderAlerts(runbook, lang, s),
    dashboards: () => renderDashboards(runbook.dashboards, lang, s),
    'quick-commands': () => renderQuickCommands(runbook.quickCommands, lang, s),
  };
  const contact = runbook.contacts.find((c) => c.id === id);
  if (contact)
    return `${localize(contact.role, lang)}: ${contact.name} · ${contact.phone} · ${contact.email}`;
  const quick = runbook.quickCommands.find((q) => q.id === id);
  if (quick) return renderQuickCommands([quick], lang, s);
  const dashboard = runbook.dashboards.find((d) => d.id === id);
  if (dashboard) return renderDashboards([dashboard], lang, s);
  const alert = runbook.alerts.find((a) => a.id === id);
  if (alert) return renderAlerts({ ...runbook, alerts: [alert] }, lang, s);
  return sections[id]?.() ?? null;
}

export function knownIds(runbook: Runbook): string[] {
  return [
    ...runbook.procedures.map((p) => p.id),
    ...runbook.criteria.map((c) => c.id),
    ...runbook.checklists.map((c) => c.id),
    ...runbook.templates.map((x) => x.id),
    'criteria',
    'contacts',
    'escalation',
    'alerts',
    'dashboards',
    'quick-commands',
  ];
}
