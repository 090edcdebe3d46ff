/** decide: every criterion of the plan, measured or declared, turned into a verdict and the procedure to run. */
import {
  ACTION_LABELS,
  type Criterion,
  type CriterionResult,
  type Decision,
  decimal,
  evaluateCriteria,
  formatMs,
  formatThreshold,
  type Lang,
  localize,
  type MetricCriterion,
  type Observation,
  type Runbook,
  t,
} from '@runbook/core';
import type { PrometheusClient } from '../adapters/prometheus.ts';
import { observeFromPrometheus } from './prometheus-source.ts';

/** Where measurements come from: Prometheus, or two scrapes of a /metrics endpoint. */
/**
 * Criteria with their own PromQL are measured here by their signal: the query needs Prometheus, and the
 * scraped series are the app's own, so the signal over them is what a query scoped to the app would read.
 */
export function ownQueryNote(metrics: readonly MetricCriterion[]): string[] {
  const own = metrics.filter((c) => c.query);
  if (!own.length) return [];
  return [
    `measured from /metrics by their signal, their own PromQL needs Prometheus (--prometheus): ${own
      .map((c) => `${c.id} (${c.signal})`)
      .join(', ')}`,
  ];
}

export interface DecideSource {
  /** Shown above the table: `Prometheus http://…`, `2 scrapes of …/metrics 5 s apart`. */
  readonly description: string;
  /** Whether it can evaluate at a past time (`--at`). */
  readonly canLookBack: boolean;
  observe(runbook: Runbook, atMs: number): Promise<{ observations: Observation[]; notes: string[] }>;
}

export function prometheusSource(client: PrometheusClient): DecideSource {
  return {
    description: `Prometheus ${client.url}`,
    canLookBack: true,
    observe: async (runbook, atMs) => ({
      observations: await observeFromPrometheus(client, runbook, atMs),
      notes: [],
    }),
  };
}

/** The events a person may declare with `decide --declare`. */
export const DECLARABLE_EVENTS = ['payment', 'data-loss', 'security'] as const;
export type DeclarableEvent = (typeof DECLARABLE_EVENTS)[number];

/** A person's declaration, as the journal keeps it. */
export interface Declaration {
  event: DeclarableEvent;
  reason: string;
  /** Epoch ms. */
  at: number;
  by?: string;
}

/** One line of the decision table; `--json` prints these. */
export interface DecisionRow {
  criterion: string;
  label: string;
  kind: Criterion['kind'];
  /** The latest measured value (null: none, or an event criterion). */
  value: number | null;
  valueText: string;
  threshold: string;
  window: string;
  breachedForMs: number;
  breachedFor: string;
  verdict: CriterionResult['verdict'];
  action: string;
  procedure: string;
  note?: string;
}

export interface DecideReport {
  /** ISO time the criteria were evaluated at. */
  at: string;
  source: string;
  outcome: Decision['outcome'];
  exitCode: number;
  /** The procedure the plan calls for, when a rollback is recommended. */
  procedure: string | null;
  action: string | null;
  rows: DecisionRow[];
  notes: string[];
}

export interface DecideOptions {
  /** Evaluation time, epoch ms; default now. */
  atMs?: number;
  declarations?: readonly Declaration[];
  lang?: Lang;
}

function formatValue(criterion: MetricCriterion, value: number, lang: Lang): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const n = (x: string) => decimal(x, lang);
  if (criterion.unit === 'ratio') return `${n((value * 100).toFixed(2))} %`;
  if (criterion.unit === 'seconds') return `${n(value.toFixed(3))} s`;
  return n(String(Math.round(value * 1000) / 1000));
}

function row(result: CriterionResult, lang: Lang): DecisionRow {
  const c = result.criterion;
  const metric = c.kind === 'metric' ? c : null;
  return {
    criterion: c.id,
    label: localize(c.label, lang),
    kind: c.kind,
    value: result.value,
    valueText:
      metric && result.value !== null
        ? formatValue(metric, result.value, lang)
        : c.kind === 'event'
          ? '—'
          : '?',
    threshold: metric ? formatThreshold(metric, lang) : t('declaredByPerson', lang),
    window: metric?.window ?? t('atOnce', lang),
    breachedForMs: result.breachedForMs,
    breachedFor:
      result.verdict === 'breach' || result.verdict === 'pending' ? formatMs(result.breachedForMs) : '',
    verdict: result.verdict,
    action: localize(ACTION_LABELS[c.action], lang),
    procedure: c.procedure,
    ...(result.note ? { note: result.note } : {}),
  };
}

/** Declarations become observations of every criterion declarable by that event; the latest one wins. */
export function declaredObservations(runbook: Runbook, declarations: readonly Declaration[]): Observation[] {
  const out: Observation[] = [];
  for (const c of runbook.criteria) {
    const latest = declarations.filter((d) => d.event === c.event).sort((a, b) => b.at - a.at)[0];
    if (latest) out.push({ criterion: c.id, declared: { reason: latest.reason, at: latest.at } });
  }
  return out;
}

/**
 * Measures every metric criterion from the source, adds what people declared, and evaluates them with
 * core's rules. The source never throws for missing data: it returns observations carrying `error`.
 */
export async function decide(
  runbook: Runbook,
  source: DecideSource,
  options: DecideOptions = {},
): Promise<DecideReport> {
  const lang = options.lang ?? runbook.meta.languages[0]!;
  const atMs = options.atMs ?? Date.now();
  const { observations, notes } = await source.observe(runbook, atMs);
  const declared = declaredObservations(runbook, options.declarations ?? []);
  const merged = [
    ...declared,
    ...observations.filter((o) => !declared.some((d) => d.criterion === o.criterion)),
  ];
  const decision = evaluateCriteria(runbook, merged);
  return {
    at: new Date(atMs).toISOString(),
    source: source.description,
    outcome: decision.outcome,
    exitCode: decision.exitCode,
    procedure: decision.procedure,
    action: decision.action ? localize(ACTION_LABELS[decision.action], lang) : null,
    rows: decision.results.map((r) => row(r, lang)),
    notes,
  };
}
