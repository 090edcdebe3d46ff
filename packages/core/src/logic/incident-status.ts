/**
 * "Where are we?": an incident's journal records read as its state now, for `runbook status` on any machine,
 * from the local journal or from the record kept in the cluster.
 */
import type { JournalRecord, Outcome, Runbook } from '../schemas/index.ts';
import { type EscalationNow, escalationAt } from './escalation.ts';

export interface StepStatus {
  step: string;
  /** Outcome of its last record: `started` means under way (or interrupted, if the run is not). */
  outcome: Outcome;
  /** ISO time the step started. */
  startedAt: string;
  /** Duration of a step that ended; time spent so far for one under way. */
  durationMs: number;
}

export type RunState = 'running' | 'ok' | 'failed';

export interface IncidentStatus {
  incident: string;
  command: string | null;
  /** ISO time of the incident's first record. */
  startedAt: string;
  /** The last run (or resume) ended with this outcome, or is still running. */
  state: RunState;
  elapsedMs: number;
  steps: StepStatus[];
  /** Who to call now; the ladder counts from the incident's first record. */
  escalation: EscalationNow;
  /** Milliseconds until the next level starts; null at the last level or once the run ended. */
  nextLevelInMs: number | null;
}

function startOf(r: JournalRecord): number {
  return Date.parse(r.time) - (r.outcome === 'started' ? 0 : r.durationMs);
}

/** Each step once, in the order it first started, with the outcome of its last record. */
export function stepStatuses(records: JournalRecord[], nowMs: number): StepStatus[] {
  const byStep = new Map<string, StepStatus>();
  for (const r of records) {
    if (r.step === 'run') continue;
    const underWay = r.outcome === 'started';
    byStep.set(r.step, {
      step: r.step,
      outcome: r.outcome,
      startedAt: new Date(startOf(r)).toISOString(),
      durationMs: underWay ? Math.max(0, nowMs - Date.parse(r.time)) : r.durationMs,
    });
  }
  // Map keeps first-insertion order, which is when each step first started.
  return [...byStep.values()];
}

function runState(records: JournalRecord[]): RunState {
  const last = records.findLast((r) => r.step === 'run');
  if (!last || last.outcome === 'started') return 'running';
  return last.outcome === 'ok' ? 'ok' : 'failed';
}

/** The state of an incident at `nowMs` from its (possibly compacted) journal; `records` must not be empty. */
export function incidentStatus(runbook: Runbook, records: JournalRecord[], nowMs: number): IncidentStatus {
  const first = records[0];
  if (!first) throw new Error('incidentStatus: an incident has at least one record');
  const startedMs = Math.min(...records.map(startOf));
  const state = runState(records);
  const lastTime = Math.max(...records.map((r) => Date.parse(r.time)));
  const endMs = state === 'running' ? nowMs : lastTime;
  const elapsedMs = Math.max(0, endMs - startedMs);
  const escalation = escalationAt(runbook, elapsedMs / 60_000);
  const nextLevelInMs =
    state === 'running' && escalation.nextAt !== null
      ? Math.max(0, escalation.nextAt * 60_000 - elapsedMs)
      : null;
  const run = records.find((r) => r.step === 'run');
  const command = run && typeof run.inputs.command === 'string' ? run.inputs.command : null;
  return {
    incident: first.incident,
    command,
    startedAt: new Date(startedMs).toISOString(),
    state,
    elapsedMs,
    steps: stepStatuses(records, nowMs),
    escalation,
    nextLevelInMs,
  };
}
