/** A decide source without Prometheus: two scrapes of a /metrics endpoint, an interval apart. */
import { formatMs, type MetricCriterion, type Observation, parseDuration } from '@runbook/core';
import { computeSignals, signalValues } from '../adapters/metrics.ts';
import { sleep } from '../adapters/time.ts';
import { type DecideSource, ownQueryNote } from './decide.ts';

export interface ScrapeSourceOptions {
  /** Shown to people: a URL without credentials, or `service proxy <service>/metrics`. */
  description: string;
  /** One GET of the exposition text; throws when the endpoint cannot be read. */
  scrape: () => Promise<string>;
  intervalMs: number;
  signal?: AbortSignal;
}

/**
 * Rates are computed between the two scrapes, so each criterion gets one sample: a windowed breach reads
 * "not verified" (inconclusive), never "breach", and the notes say which windows were not observed.
 */
export function scrapeSource(options: ScrapeSourceOptions): DecideSource {
  return {
    description: `${options.description}, 2 scrapes ${formatMs(options.intervalMs)} apart`,
    canLookBack: false,
    async observe(runbook) {
      const metrics = runbook.criteria.filter((c): c is MetricCriterion => c.kind === 'metric');
      const failAll = (error: string): Observation[] => metrics.map((c) => ({ criterion: c.id, error }));
      let first: string;
      let second: string;
      try {
        first = await options.scrape();
        await sleep(options.intervalMs, options.signal);
        second = await options.scrape();
      } catch (err) {
        if (options.signal?.aborted) throw err;
        return {
          observations: failAll(`cannot scrape ${options.description}: ${(err as Error).message}`),
          notes: [],
        };
      }
      const at = Date.now();
      const signals = computeSignals(second, first);
      const values = signalValues(signals);
      const notes: string[] = [];
      if (signals.basis === 'cumulative') {
        notes.push(
          'no request between the two scrapes: ratios are over the counters since the service started',
        );
      }
      const unverified = metrics.filter((c) => c.window && parseDuration(c.window) > options.intervalMs);
      if (unverified.length > 0) {
        notes.push(
          `observed for ${formatMs(options.intervalMs)} only: the windows of ${unverified
            .map((c) => `${c.id} (${c.window})`)
            .join(', ')} are not verified`,
        );
      }
      notes.push(...ownQueryNote(metrics));
      const observations = metrics.map((c): Observation => {
        const value = values[c.signal];
        if (value === undefined)
          return { criterion: c.id, error: `${c.signal} is not computed from /metrics` };
        if (value === null)
          return { criterion: c.id, error: `no ${c.signal} in the scraped metrics (no traffic?)` };
        return { criterion: c.id, samples: [{ at, value }] };
      });
      return { observations, notes };
    },
  };
}
