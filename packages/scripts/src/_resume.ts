/**
 * A resumed run continues the incident it names, so it must aim where that incident aimed: `--to green` on a
 * `--to blue` incident, another tag, namespace or context would finish a different rollback under its name.
 */
import { type JournalRecord, UsageError } from '@runbook/core';

/**
 * Inputs a resumed run may change: how long to wait (a deadline exceeded is the usual reason to resume),
 * whether to override a refusal, and what the journal itself records about the run.
 */
const MAY_DIFFER = new Set(['command', 'resumed', 'dryRun', 'deadlineMs', 'timeoutMs', 'force']);

/** Flags whose name is not the input's, kebab-cased. */
const FLAG_OF: Record<string, string> = { tag: 'TAG', vars: '--var' };

const flagOf = (key: string) => FLAG_OF[key] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** JSON with sorted keys, so that two records of the same values compare equal. */
function canonical(v: unknown): string {
  if (v === undefined) return 'none';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Throws a UsageError (exit 2) naming the first input of this run that differs from the incident's first
 * run, whose records come from the local journal or the cluster's copy. `inputs` must be redacted as the journal redacts them. Another command is left to `Journal.open`.
 */
export function assertSameInputs(
  records: readonly JournalRecord[],
  id: string,
  command: string,
  inputs: Record<string, unknown>,
): void {
  const first = records.find((r) => r.step === 'run');
  if (!first || first.inputs.command !== command) return;
  // The journal holds JSON: compare with what this run's inputs will look like once written.
  const now = JSON.parse(JSON.stringify(inputs)) as Record<string, unknown>;
  const keys = new Set([...Object.keys(first.inputs), ...Object.keys(now)]);
  for (const key of keys) {
    if (MAY_DIFFER.has(key)) continue;
    const was = canonical(first.inputs[key]);
    const is = canonical(now[key]);
    if (was !== is) {
      throw new UsageError(
        `${flagOf(key)}: incident ${id} ran with ${was}, this run has ${is}; nothing changed`,
        "rerun with the incident's values, or without --resume to start a new incident",
      );
    }
  }
}
