import { formatMs, type Lang, localize, parseDuration, type Runbook, table } from '@runbook/core';
import { CLUSTER_COLUMNS, clusterRows, type JournalRecord, type KubeAdapter } from '@runbook/scripts';
import type { RegionRow } from './regions.ts';

/** The journal as a timeline: time since the drill started, step, outcome, duration. */
export function timeline(records: readonly JournalRecord[]): string {
  const start = Date.parse(records[0]?.time ?? new Date().toISOString());
  const rows = records
    .filter((r) => r.outcome !== 'started' || r.step === 'run')
    .map((r) => {
      const t = Date.parse(r.time) - start;
      const clock = `T+${String(Math.floor(t / 60_000)).padStart(2, '0')}:${((t % 60_000) / 1000).toFixed(1).padStart(4, '0')}`;
      return [clock, r.step, r.outcome, r.outcome === 'started' ? '' : formatMs(r.durationMs)];
    });
  return table(rows, ['time', 'step', 'outcome', 'duration']);
}

export interface TargetRow {
  what: string;
  measuredMs: number;
  target: string;
  met: boolean;
}

/** A procedure's measured duration against the plan's target range (30 s for blue-green, 2 to 5 min native). */
export function againstTarget(
  runbook: Runbook,
  procedureId: string,
  measuredMs: number,
  lang: Lang,
): TargetRow | null {
  const procedure = runbook.procedures.find((p) => p.id === procedureId);
  if (!procedure) return null;
  const { min, max } = procedure.targetDuration;
  return {
    what: localize(procedure.title, lang),
    measuredMs,
    target: min === max ? max : `${min} – ${max}`,
    met: measuredMs <= parseDuration(max),
  };
}

export function targetsTable(rows: TargetRow[]): string {
  return table(
    rows.map((r) => [r.what, formatMs(r.measuredMs), r.target, r.met ? 'within target' : 'OVER TARGET']),
    ['procedure', 'measured', 'plan target', ''],
  );
}

/** Each app's Service selector and Deployment image at the end of the drill. */
export interface FinalState {
  selectors: Record<string, Record<string, string>>;
  images: Record<string, string>;
}

export async function finalState(kube: KubeAdapter, runbook: Runbook): Promise<FinalState> {
  const state: FinalState = { selectors: {}, images: {} };
  for (const app of runbook.meta.apps) {
    state.selectors[app.service] = (await kube.getService(app.service)).spec?.selector ?? {};
    const containers = (await kube.getDeployment(app.deployment)).spec?.template?.spec?.containers ?? [];
    state.images[app.deployment] =
      (containers.find((c) => c.name === app.container) ?? containers[0])?.image ?? '';
  }
  return state;
}

/** The blue-green part of emergency: from its first `switch/` step's start to its last one's end. */
export function blueGreenMs(records: readonly JournalRecord[]): number | null {
  const parts = records.filter((r) => r.step.startsWith('emergency/switch/'));
  const first = parts.find((r) => r.outcome === 'started');
  const last = parts.findLast((r) => r.outcome === 'ok');
  return first && last ? Date.parse(last.time) - Date.parse(first.time) : null;
}

/** The `multi-cluster` scenario's table: each region's outcome, and which need a human. */
export function clustersTable(rows: readonly RegionRow[]): string {
  const { rows: cells, needHuman } = clusterRows(rows);
  const tail = needHuman.length ? `needs a human on ${needHuman.join(', ')}` : 'every region done';
  return `${table(cells, CLUSTER_COLUMNS)}\n${tail}`;
}
