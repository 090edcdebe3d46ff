import { EXIT } from '../errors.ts';
import type { Action, Comparator, Criterion, Runbook } from '../schemas/index.ts';
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

// ±Inf compares as it should (a P95 past the last bucket is a breach); only null and NaN carry no value.
const usable = (v: number | null): v is number => v !== null && !Number.isNaN(v);

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
    if (!usable(s.value) || !compare(s.value, criterion.comparator, criterion.threshold)) break;
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
