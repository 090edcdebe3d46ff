/** Observations of the runbook's metric criteria, read from Prometheus with range queries. */
import {
  type Comparator,
  criterionQuery,
  type MetricCriterion,
  type MetricScope,
  type Observation,
  parseDuration,
  type Runbook,
  RunbookError,
  type Sample,
  serviceMetricLabels,
} from '@runbook/core';
import type { PrometheusClient, PromSeries } from '../adapters/prometheus.ts';

/** Lookback of a criterion without a window: enough to say how long a breach has lasted. */
const AT_ONCE_LOOKBACK_MS = 5 * 60_000;
const MIN_STEP_MS = 1000;
const MAX_STEP_MS = 15_000;

/**
 * What to ask for: twice the window (so the table can say how long a breach lasted beyond it), in about
 * 40 steps. A step never exceeds 15 s, so a breach that broke for one scrape interval shows the break.
 */
export function rangeFor(criterion: MetricCriterion): { lookbackMs: number; stepMs: number } {
  const windowMs = criterion.window ? parseDuration(criterion.window) : 0;
  const lookbackMs = windowMs > 0 ? 2 * windowMs : AT_ONCE_LOOKBACK_MS;
  const stepMs = Math.min(MAX_STEP_MS, Math.max(MIN_STEP_MS, Math.round(lookbackMs / 40 / 1000) * 1000));
  return { lookbackMs, stepMs };
}

/** When a query returns several series, the worst one decides: any instance past the threshold counts. */
function worse(comparator: Comparator, a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return comparator === '<' || comparator === '<=' ? Math.min(a, b) : Math.max(a, b);
}

/**
 * Series → samples on the step grid. Steps with no point after the first one become `null` samples: a gap
 * (target down, series gone stale) breaks a breach and, at the end, makes the verdict inconclusive. Steps
 * before the first point stay absent, so history shorter than the window reads "not verified", not "ok".
 */
export function toSamples(
  series: PromSeries[],
  comparator: Comparator,
  startMs: number,
  endMs: number,
  stepMs: number,
): Sample[] {
  const byTime = new Map<number, number>();
  for (const s of series) {
    for (const [at, value] of s.points) {
      const prev = byTime.get(at);
      byTime.set(at, prev === undefined ? value : worse(comparator, prev, value));
    }
  }
  if (byTime.size === 0) return [];
  const first = Math.min(...byTime.keys());
  const samples: Sample[] = [];
  for (let at = startMs; at <= endMs; at += stepMs) {
    if (at < first) continue;
    const value = byTime.get(at);
    samples.push({ at, value: value === undefined ? null : value });
  }
  return samples;
}

export async function observeCriterion(
  client: PrometheusClient,
  criterion: MetricCriterion,
  atMs: number,
  scope: MetricScope = [],
): Promise<Observation> {
  const { lookbackMs, stepMs } = rangeFor(criterion);
  // Align the grid to the end, so the last sample is the value at `atMs` itself.
  const startMs = atMs - Math.floor(lookbackMs / stepMs) * stepMs;
  const query = criterionQuery(criterion, scope);
  try {
    const series = await client.queryRange(query, startMs, atMs, stepMs);
    const samples = toSamples(series, criterion.comparator, startMs, atMs, stepMs);
    if (samples.length === 0)
      return { criterion: criterion.id, samples, error: `no data from Prometheus for ${query}` };
    const last = samples.at(-1)!;
    if (last.value === null)
      return { criterion: criterion.id, samples, error: 'no current value (series gone or stale)' };
    if (Number.isNaN(last.value))
      return { criterion: criterion.id, samples, error: 'NaN (no traffic to compute a ratio)' };
    return { criterion: criterion.id, samples };
  } catch (err) {
    if (err instanceof RunbookError && err.code === 'E_INTERRUPTED') throw err;
    return { criterion: criterion.id, error: (err as Error).message };
  }
}

/** Every metric criterion, queried in parallel, each scoped to the runbook's service. */
export function observeFromPrometheus(
  client: PrometheusClient,
  runbook: Runbook,
  atMs: number,
): Promise<Observation[]> {
  const scope = serviceMetricLabels(runbook);
  return Promise.all(
    runbook.criteria
      .filter((c): c is MetricCriterion => c.kind === 'metric')
      .map((c) => observeCriterion(client, c, atMs, scope)),
  );
}
