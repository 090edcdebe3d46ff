/** `runbook status` as text: the incident, its steps, who to call now, the lock and the traffic. */
import { formatMs, type Lang, localize, table } from '@runbook/core';
import type { StatusReport } from '@runbook/scripts';

const clock = (iso: string | null) => (iso ? `${iso.slice(11, 19)} UTC` : '?');
const replicas = (r: { ready: number; desired: number } | null) =>
  r ? `${r.ready}/${r.desired}` : 'missing';

function incidentLines(report: StatusReport, lang: Lang, nowMs: number): string[] {
  const i = report.incident;
  if (!i) return [`no incident recorded in namespace ${report.namespace}`];
  const state =
    i.state === 'running'
      ? `running for ${formatMs(i.elapsedMs)}`
      : `${i.state} after ${formatMs(i.elapsedMs)}`;
  const lines = [
    `incident ${i.incident} · ${i.command ?? '?'} · ${state} (started ${clock(i.startedAt)})`,
    `last written by ${i.operator}, ${formatMs(Math.max(0, nowMs - Date.parse(i.updatedAt)))} ago`,
  ];
  for (const h of i.handovers) lines.push(`taken over by ${h.to} from ${h.from} at ${clock(h.at)}`);
  if (i.dropped) lines.push(`(${i.dropped} older journal records are not in the cluster's copy)`);
  lines.push(
    '',
    table(
      i.steps.map((s) => [
        s.step,
        s.outcome,
        s.outcome === 'skipped' ? '' : formatMs(s.durationMs),
        clock(s.startedAt),
      ]),
      ['step', 'outcome', 'duration', 'started'],
    ),
    '',
  );
  const e = i.escalation;
  const who = e.contacts.map((c) => `${localize(c.role, lang)} ${c.name} ${c.phone}`).join(', ');
  lines.push(`escalation: level ${e.level.level} — ${localize(e.level.label, lang)}: call ${who}`);
  if (i.nextLevelInMs !== null && e.next)
    lines.push(
      `next: level ${e.next.level} (${localize(e.next.label, lang)}) in ${formatMs(i.nextLevelInMs)}`,
    );
  return lines;
}

/** The whole report as lines; `nowMs` is the time of the reading. */
export function statusText(report: StatusReport, lang: Lang, nowMs: number): string {
  const lock = report.lock
    ? `lock: held by ${report.lock.holder} since ${clock(report.lock.since)}${report.lock.stale ? ' (stale: no longer renewed)' : ''}`
    : 'lock: free';
  const traffic = table(
    report.apps.map((a) => [a.app, a.service, a.colour ?? 'none', replicas(a.green), replicas(a.blue)]),
    ['app', 'service', 'traffic', 'green ready', 'blue ready'],
  );
  return [...incidentLines(report, lang, nowMs), lock, '', traffic].join('\n');
}

/** One cluster's part of `status` (`cluster` null when there is a single one), headed by its name. */
export interface StatusBlock {
  cluster: string | null;
  text: string;
}

export function statusBlock(
  report: StatusReport & { cluster: string | null },
  lang: Lang,
  nowMs: number,
): StatusBlock {
  const head = report.cluster ? `cluster ${report.cluster}\n` : '';
  return { cluster: report.cluster, text: `${head}${statusText(report, lang, nowMs)}` };
}

// Elapsed times change at every reading; a block that differs only by them has not changed.
const ELAPSED = /\d+(\.\d+)? ?(ms|s|min|h)\b/g;

/**
 * The blocks that changed since the last reading (all of them the first time): what `status --watch` prints
 * when piped, so that one cluster moving does not repeat every other. `last` is updated.
 */
export function changedBlocks(
  blocks: readonly StatusBlock[],
  last: Map<string | null, string>,
): StatusBlock[] {
  return blocks.filter((b) => {
    const key = b.text.replace(ELAPSED, '');
    if (last.get(b.cluster) === key) return false;
    last.set(b.cluster, key);
    return true;
  });
}
