/**
 * What a post-mortem says about an incident's journals, with no file in sight: one journal for a single
 * cluster, or one per cluster (and possibly the incident's own, such as a drill's) when a run fanned out.
 * Their steps become one timeline in time order, each line naming its cluster.
 */
import { formatMs, type JournalRecord } from '@runbook/core';
import { outcomeOf } from '../clusters.ts';

/** One journal of the incident: `cluster` null for `incidents/<id>/journal.jsonl` itself. */
export interface IncidentJournal {
  cluster: string | null;
  records: readonly JournalRecord[];
}

/** A step of the merged timeline and the cluster whose journal recorded it. */
export interface TimelineEntry {
  cluster: string | null;
  record: JournalRecord;
}

const tagOf = (image: unknown) =>
  typeof image === 'string' ? (/:([^:/]+)$/.exec(image)?.[1] ?? image) : null;

/** "v1.2.4 → v1.2.3" from whatever the steps recorded (images before and after). */
export function versionsOf(records: readonly JournalRecord[]): string | null {
  const from = new Set<string>();
  const to = new Set<string>();
  const visit = (v: unknown, key = ''): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x, key);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(o)) {
      if (k === 'fromImage' && tagOf(x)) from.add(tagOf(x)!);
      else if (k === 'toImage' && tagOf(x)) to.add(tagOf(x)!);
      else if (k === 'image' && tagOf(x)) (key === 'previous' ? from : to).add(tagOf(x)!);
      else visit(x, k);
    }
  };
  for (const r of records) if (r.outcome === 'ok') visit(r.details);
  if (!from.size && !to.size) return null;
  return `${[...from].join(', ') || '?'} → ${[...to].join(', ') || '?'}`;
}

/**
 * Every finished step of every journal, oldest first. Records of the same instant keep their journal's order,
 * and journals the order given, so the timeline reads the same each time it is written.
 */
export function mergeTimeline(journals: readonly IncidentJournal[]): TimelineEntry[] {
  return journals
    .flatMap((j) => j.records.map((record) => ({ cluster: j.cluster, record })))
    .filter((e) => e.record.outcome !== 'started')
    .map((e, order) => ({ e, order, t: Date.parse(e.record.time) }))
    .sort((a, b) => a.t - b.t || a.order - b.order)
    .map(({ e }) => e);
}

/** The timeline: one line per finished step, in local time, its cluster when there are several, its duration. */
export function timelineOf(entries: readonly TimelineEntry[]): string {
  return entries
    .map(({ cluster, record: r }) => {
      const t = new Date(r.time).toTimeString().slice(0, 8);
      const why =
        r.outcome === 'failed'
          ? `: ${String(r.details.error ?? '')}`
          : r.outcome === 'skipped' && r.details.reason
            ? `: ${String(r.details.reason)}`
            : '';
      const where = cluster ? `[${cluster}] ` : '';
      return `- ${t} - ${where}${r.step} ${r.outcome}${r.durationMs ? ` (${formatMs(r.durationMs)})` : ''}${why}`;
    })
    .join('\n');
}

/** From the first record of any journal to the last of any; null when there are none. */
export function spanOf(journals: readonly IncidentJournal[]): { first: string; ms: number } | null {
  const times = journals.flatMap((j) => j.records.map((r) => r.time));
  if (!times.length) return null;
  const ms = times.map((t) => Date.parse(t));
  const start = Math.min(...ms);
  return { first: times[ms.indexOf(start)]!, ms: Math.max(...ms) - start };
}

/** How a cluster's last run ended: ok, what its exit code means (refused…), or unfinished (it never closed). */
export function runOutcome(records: readonly JournalRecord[]): string {
  const end = records.findLast((r) => r.step === 'run' && r.outcome !== 'started');
  if (!end) return 'unfinished';
  if (end.outcome !== 'failed') return end.outcome;
  return typeof end.details.exitCode === 'number' ? outcomeOf(end.details.exitCode) : 'failed';
}

/** "eu-west ok, us-east ok, ap-south refused": one word or two per cluster, none for a single one. */
export function clusterSummary(journals: readonly IncidentJournal[]): string | null {
  const clusters = journals.filter((j) => j.cluster);
  if (!clusters.length) return null;
  return clusters.map((j) => `${j.cluster} ${runOutcome(j.records)}`).join(', ');
}

/**
 * The clusters in the order an environment of the runbook lists them (the one that lists them all), else by
 * name: the order the run's summary table used.
 */
export function orderClusters(
  found: readonly string[],
  environments: readonly { clusters: readonly string[] | null }[],
): string[] {
  const listing = environments.find((e) => e.clusters && found.every((c) => e.clusters!.includes(c)));
  const rank = (c: string) => listing?.clusters?.indexOf(c) ?? -1;
  return [...found].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
