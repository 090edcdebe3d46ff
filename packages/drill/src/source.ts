import type { MetricCriterion, Observation, Runbook, Sample } from '@runbook/core';
import { computeSignals, type DecideSource, ownQueryNote, signalValues } from '@runbook/scripts';

/**
 * A decide source that keeps what it saw: each call scrapes once and adds, per criterion, the value over
 * the time since the previous scrape. Unlike two scrapes per call, the history lets a windowed criterion be
 * verified across calls, which is how the drill shows a breach that must last its whole window.
 */
export function accumulatingSource(options: {
  description: string;
  scrape: () => Promise<string>;
  /** History kept, in ms; older samples are dropped. */
  keepMs?: number;
}): DecideSource {
  let previous: string | null = null;
  const samples = new Map<string, Sample[]>();
  const keepMs = options.keepMs ?? 15 * 60_000;
  return {
    description: `${options.description}, scraped at every evaluation`,
    canLookBack: false,
    async observe(runbook: Runbook) {
      const metrics = runbook.criteria.filter((c): c is MetricCriterion => c.kind === 'metric');
      let text: string;
      try {
        text = await options.scrape();
      } catch (err) {
        const error = `cannot scrape ${options.description}: ${(err as Error).message}`;
        return { observations: metrics.map((c) => ({ criterion: c.id, error })), notes: [] };
      }
      const at = Date.now();
      const values = previous === null ? null : signalValues(computeSignals(text, previous));
      previous = text;
      if (values === null) {
        const error = 'first scrape: rates need a second one';
        return { observations: metrics.map((c) => ({ criterion: c.id, error })), notes: [] };
      }
      const observations = metrics.map((c): Observation => {
        const list = samples.get(c.id) ?? [];
        list.push({ at, value: values[c.signal] ?? null });
        while (list.length > 0 && at - list[0]!.at > keepMs) list.shift();
        samples.set(c.id, list);
        return { criterion: c.id, samples: [...list] };
      });
      return { observations, notes: ownQueryNote(metrics) };
    },
  };
}
