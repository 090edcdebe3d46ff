import { EXIT } from '../errors.ts';
import type { Action, Comparator, Criterion, MetricCriterion, Runbook } from '../schemas/index.ts';
import { parseDuration } from './duration.ts';

/** One measurement of a criterion's signal; `null` or NaN means the source gave nothing usable. */
export interface Sample {
  /** Epoch milliseconds. */
  at: number;
  value: number | null;
}

export interface Observation {
  criterion: string;
  /** Measurements, in any order. */
  samples?: Sample[];
  /** A person's declaration (event criteria, or a metric criterion that may be declared). */
  declared?: { reason: string; at: number };
  /** Why there are no samples (source unreachable, query empty). */
  error?: string;
}

/**
 * - `breach`: past the threshold for the whole window;
 * - `pending`: past the threshold, but not yet for the whole window;
 * - `inconclusive`: no usable data, or a breach longer than what was observed;
 * - `ok`: within the threshold.
 */
export type Verdict = 'ok' | 'pending' | 'breach' | 'inconclusive';

export interface CriterionResult {
  criterion: Criterion;
  verdict: Verdict;
  /** The latest value, when there is one. */
  value: number | null;
  /** How long the current breach has lasted, in ms. */
  breachedForMs: number;
  /** The criterion's window in ms (0 for at once). */
  windowMs: number;
  /** How much time the samples cover, in ms. */
  observedMs: number;
  note?: string;
}

export interface Decision {
  results: CriterionResult[];
  outcome: 'no-rollback' | 'rollback' | 'inconclusive';
  /** The most urgent action among breached criteria. */
  action: Action | null;
  /** The procedure the plan calls for. */
  procedure: string | null;
  exitCode: number;
}

const ACTION_RANK: Record<Action, number> = { rollback: 1, 'immediate-rollback': 2, 'emergency-rollback': 3 };

export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
  }
}

const usable = (v: number | null): v is number => v !== null && !Number.isNaN(v);

/** Ratios are 0 to 1 (the plan writes 5 % as 0.05); a tiny excess is floating-point noise of a division. */
const RATIO_SLACK = 1e-9;

const showNumber = (v: number) =>
  Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';

/**
 * Why a measured value cannot be true for the criterion's unit, or null when it can. A negative error rate,
 * an availability of 500 % or an infinite P95 (histogram_quantile gives the last finite bound, never +Inf)
 * says the query or the exporter is broken: it must not read as "within the threshold".
 */
export function outOfRange(unit: MetricCriterion['unit'], value: number): string | null {
  const inRange =
    unit === 'ratio' ? value >= 0 && value <= 1 + RATIO_SLACK : Number.isFinite(value) && value >= 0;
  if (inRange) return null;
  const expected = unit === 'ratio' ? 'a ratio (expected 0 to 1)' : `${unit} (expected a finite number ≥ 0)`;
  return `${showNumber(value)} is out of range for ${expected}`;
}

function evaluateOne(criterion: Criterion, observation: Observation | undefined): CriterionResult {
  const base = { criterion, value: null, breachedForMs: 0, observedMs: 0 };
  if (observation?.declared) {
    return { ...base, verdict: 'breach', windowMs: 0, note: `declared: ${observation.declared.reason}` };
  }
  if (criterion.kind === 'event') return { ...base, verdict: 'ok', windowMs: 0, note: 'not declared' };

  const windowMs = criterion.window ? parseDuration(criterion.window) : 0;
  const samples = [...(observation?.samples ?? [])].sort((a, b) => a.at - b.at);
  const latest = samples.at(-1);
  if (!latest || !usable(latest.value)) {
    const note = observation?.error ?? (latest ? 'no usable value (NaN or empty)' : 'no data');
    return { ...base, verdict: 'inconclusive', windowMs, note };
  }
  const impossible = outOfRange(criterion.unit, latest.value);
  if (impossible) {
    const note = `${impossible}: the query or its source is broken`;
    return { ...base, value: latest.value, verdict: 'inconclusive', windowMs, note };
  }
  const first = samples[0]!;
  const observedMs = latest.at - first.at;
  const value = latest.value;
  if (!compare(value, criterion.comparator, criterion.threshold)) {
    return { ...base, value, windowMs, observedMs, verdict: 'ok' };
  }
  // The breach counts from the first sample of the unbroken run that ends now.
  let runStart = latest;
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i]!;
    if (!usable(s.value) || outOfRange(criterion.unit, s.value)) break;
    if (!compare(s.value, criterion.comparator, criterion.threshold)) break;
    runStart = s;
  }
  const breachedForMs = latest.at - runStart.at;
  const result = { ...base, value, windowMs, observedMs, breachedForMs };
  if (windowMs === 0 || breachedForMs >= windowMs) return { ...result, verdict: 'breach' };
  if (runStart === first) {
    return {
      ...result,
      verdict: 'inconclusive',
      note: `breached for all ${Math.round(observedMs / 1000)} s observed; the ${criterion.window} window is not verified`,
    };
  }
  return {
    ...result,
    verdict: 'pending',
    note: `breached for ${Math.round(breachedForMs / 1000)} s of ${criterion.window}`,
  };
}

/**
 * Evaluates every criterion of the runbook. A windowed criterion trips only when the breach lasted the
 * whole window: a 30-second spike is not 5 minutes. Missing data is never a silent pass or fail.
 */
export function evaluateCriteria(runbook: Runbook, observations: readonly Observation[]): Decision {
  const results = runbook.criteria.map((c) =>
    evaluateOne(
      c,
      observations.find((o) => o.criterion === c.id),
    ),
  );
  const breached = results.filter((r) => r.verdict === 'breach');
  if (breached.length > 0) {
    const worst = breached.reduce((a, b) =>
      ACTION_RANK[b.criterion.action] > ACTION_RANK[a.criterion.action] ? b : a,
    );
    return {
      results,
      outcome: 'rollback',
      action: worst.criterion.action,
      procedure: worst.criterion.procedure,
      exitCode: EXIT.rollbackRecommended,
    };
  }
  const inconclusive = results.some((r) => r.verdict === 'inconclusive');
  return {
    results,
    outcome: inconclusive ? 'inconclusive' : 'no-rollback',
    action: null,
    procedure: null,
    exitCode: inconclusive ? EXIT.inconclusive : EXIT.ok,
  };
}
