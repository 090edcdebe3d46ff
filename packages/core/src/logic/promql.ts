import { ACTION_LABELS, localize, sitePrefix, type UiText } from '../i18n.ts';
import type { Alert, Criterion, Lang, MetricCriterion, Runbook, Signal } from '../schemas/index.ts';
import { serviceMetricLabels } from './apps.ts';

/** A PromQL selector's matchers: one label set per app of the service, `[]` for every series. */
export type MetricScope = ReadonlyArray<Record<string, string>>;

const quote = (v: string) => JSON.stringify(v);
const escapeRegex = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The selectors `{...}` of a metric over the scope, `extra` matchers added to each. Label sets that differ
 * in one label only merge into one regex matcher, so the common case stays one readable selector.
 */
function selectors(scope: MetricScope, extra: string[]): string[] {
  const keys = scope.map((s) => Object.keys(s).sort().join('\0'));
  const [only] = Object.keys(scope[0] ?? {});
  if (scope.length > 1 && only && new Set(keys).size === 1 && keys[0] === only) {
    const values = scope.map((s) => escapeRegex(s[only]!)).join('|');
    return [`{${[`${only}=~${quote(values)}`, ...extra].join(',')}}`];
  }
  if (scope.length === 0) return [extra.length ? `{${extra.join(',')}}` : ''];
  return scope.map((s) => {
    const matchers = Object.entries(s).map(([k, v]) => `${k}=${quote(v)}`);
    return `{${[...matchers, ...extra].join(',')}}`;
  });
}

/** `rate(metric{...}[range])` over the scope: several selectors are joined with `or` (a union). */
function rates(metric: string, scope: MetricScope, range: string, extra: string[] = []): string {
  return selectors(scope, extra)
    .map((sel) => `rate(${metric}${sel}[${range}])`)
    .join(' or ');
}

/**
 * PromQL for each signal over conventional metric names, scoped to the service's labels. `or vector(0)` on
 * numerators: a healthy service has no 5xx series at all, and an empty numerator would otherwise read as
 * "no data". Denominators keep no such fallback, so no traffic gives an empty or NaN result: inconclusive,
 * never a pass.
 */
const SIGNAL_QUERIES: Record<Signal, (r: string, scope: MetricScope) => string> = {
  'error-rate': (r, s) =>
    `(sum(${rates('http_requests_total', s, r, ['code=~"5.."'])}) or vector(0)) / sum(${rates('http_requests_total', s, r)})`,
  'latency-p95': (r, s) =>
    `histogram_quantile(0.95, sum by (le) (${rates('http_request_duration_seconds_bucket', s, r)}))`,
  availability: (r, s) =>
    `(sum(${rates('http_requests_total', s, r, ['code!~"5.."'])}) or vector(0)) / sum(${rates('http_requests_total', s, r)})`,
  'payment-failure-rate': (r, s) =>
    `(sum(${rates('payment_failures_total', s, r)}) or vector(0)) / sum(${rates('payment_attempts_total', s, r)})`,
  'db-connections': (_r, s) =>
    `sum(${selectors(s, [])
      .map((sel) => `db_connections${sel}`)
      .join(' or ')})`,
};

/**
 * The PromQL measuring a metric criterion: its own `query` when the runbook sets one (`$range` in it is
 * replaced by the criterion's range), otherwise the conventional mapping of its signal, restricted to the
 * series of `scope` (see `serviceMetricLabels`).
 */
export function criterionQuery(criterion: Criterion, scope: MetricScope = []): string {
  if (criterion.kind !== 'metric') {
    throw new Error(
      `criterion "${criterion.id}" is an event criterion: a person declares it, no query measures it`,
    );
  }
  if (criterion.query) return criterion.query.replaceAll('$range', criterion.range);
  return SIGNAL_QUERIES[criterion.signal](criterion.range, scope);
}

/** `expr` of the alert for a criterion: the query compared with the threshold. */
export function criterionAlertExpr(criterion: MetricCriterion, scope: MetricScope = []): string {
  return `(${criterionQuery(criterion, scope)}) ${criterion.comparator} ${criterion.threshold}`;
}

/** One rule of a Prometheus rule file. */
export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The structure of a Prometheus rule file (`groups:`), ready to be written as YAML. */
export interface AlertRuleFile {
  groups: Array<{ name: string; rules: AlertRule[] }>;
}

export interface AlertRulesOptions {
  /** Language of summaries, descriptions and the runbook_url (default: the runbook's first). */
  lang?: Lang;
}

const pascal = (id: string) =>
  id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** The docs page of a procedure: `/<id>/` in the runbook's first language, `/<lang>/<id>/` in the others. */
export function procedureDocsUrl(runbook: Runbook, procedure: string, lang: Lang): string {
  const base = runbook.meta.docsUrl.replace(/\/+$/, '');
  return `${base}/${sitePrefix(runbook, lang)}${procedure}/`;
}

/** How `{{ $value }}` reads in an annotation, by unit. */
const VALUE_TEMPLATE: Record<MetricCriterion['unit'], string> = {
  ratio: '{{ $value | humanizePercentage }}',
  seconds: '{{ $value | humanizeDuration }}',
  count: '{{ $value }}',
};

const OBSERVED: UiText = { fr: 'valeur observée', en: 'observed value' };
const NO_CRITERION_PROCEDURE = 'emergency';

function criterionRule(runbook: Runbook, criterion: MetricCriterion, lang: Lang): AlertRule {
  // A plan alert bound to the criterion lends it its name, so the pager says what the plan says.
  const bound = runbook.alerts.find((a) => a.criterion === criterion.id);
  const action = localize(ACTION_LABELS[criterion.action], lang);
  const rule: AlertRule = {
    alert: pascal(bound?.id ?? criterion.id),
    expr: criterionAlertExpr(criterion, serviceMetricLabels(runbook)),
    ...(criterion.window ? { for: criterion.window } : {}),
    labels: {
      severity: criterion.severity,
      criterion: criterion.id,
      action: criterion.action,
      procedure: criterion.procedure,
      service: runbook.meta.service,
    },
    annotations: {
      summary: `${localize(criterion.label, lang)} (${localize(OBSERVED, lang)}: ${VALUE_TEMPLATE[criterion.unit]})`,
      description: localize(criterion.description, lang),
      action,
      runbook_url: procedureDocsUrl(runbook, criterion.procedure, lang),
    },
  };
  return rule;
}

function conditionRule(
  runbook: Runbook,
  alert: Alert & { condition: NonNullable<Alert['condition']> },
  lang: Lang,
) {
  const c = alert.condition;
  // The plan gives unbound alerts no procedure: a lost database is met with the emergency run.
  const procedure = runbook.procedures.some((p) => p.id === NO_CRITERION_PROCEDURE)
    ? NO_CRITERION_PROCEDURE
    : (runbook.procedures[0]?.id ?? NO_CRITERION_PROCEDURE);
  const rule: AlertRule = {
    alert: pascal(alert.id),
    expr: `(${c.query ?? c.metric}) ${c.comparator} ${c.threshold}`,
    ...(c.window ? { for: c.window } : {}),
    labels: { severity: alert.severity, action: alert.action, procedure, service: runbook.meta.service },
    annotations: {
      summary: `${localize(alert.name, lang)} (${localize(OBSERVED, lang)}: {{ $value }})`,
      description: `${c.metric} ${c.comparator} ${c.threshold}`,
      action: localize(ACTION_LABELS[alert.action], lang),
      runbook_url: procedureDocsUrl(runbook, procedure, lang),
    },
  };
  return rule;
}

/**
 * The Prometheus rule file of the runbook: one alert per metric criterion (threshold, `for:` its window),
 * plus the plan's alerts that carry their own condition. Built from the same data as `decide`.
 */
export function alertRules(runbook: Runbook, options: AlertRulesOptions = {}): AlertRuleFile {
  const lang = options.lang ?? runbook.meta.languages[0]!;
  const rules: AlertRule[] = [];
  for (const criterion of runbook.criteria) {
    if (criterion.kind === 'metric') rules.push(criterionRule(runbook, criterion, lang));
  }
  for (const alert of runbook.alerts) {
    if (!alert.criterion && alert.condition)
      rules.push(conditionRule(runbook, { ...alert, condition: alert.condition }, lang));
  }
  return { groups: [{ name: `runbook-${runbook.meta.service}`, rules }] };
}
