/** The journal as procedures see it: its kinds of step, and a view whose step names carry a prefix. */
import type { JournalRecord } from './journal-record.ts';

/** The part of a journal procedures use; `scoped()` gives one whose step names carry a prefix. */
export interface StepJournal {
  readonly id: string;
  /**
   * Runs a step: a `started` record, then `ok` with the returned details or `failed` with the error.
   * On resume, a step already `ok` is not run again: a `skipped` record is written and its details returned.
   * Only for what the journal alone can vouch for (what was there before a change); see `check`, `effect`.
   */
  step<D extends Record<string, unknown>>(
    name: string,
    inputs: Record<string, unknown>,
    fn: () => Promise<D> | D,
  ): Promise<D>;
  /**
   * Runs a step every time, on resume too: a check, a verification, or what reports this run's outcome.
   * A journal cannot vouch that the cluster is still as an earlier run found it.
   */
  check<D extends Record<string, unknown>>(
    name: string,
    inputs: Record<string, unknown>,
    fn: () => Promise<D> | D,
  ): Promise<D>;
  /**
   * Runs a step that changes something. On resume, one already `ok` is skipped only if `present` (a fresh
   * read of the cluster) says the change is still there; otherwise it runs again, and its `started` record
   * says it is a redo.
   */
  effect<D extends Record<string, unknown>>(
    name: string,
    inputs: Record<string, unknown>,
    present: (done: D) => Promise<boolean> | boolean,
    fn: () => Promise<D> | D,
  ): Promise<D>;
  /** Records a step that was deliberately not run. */
  skip(name: string, reason: string, details?: Record<string, unknown>): Promise<void>;
  /** The `ok` record of a step done in this run or a resumed one. */
  completed(name: string): JournalRecord | undefined;
  /** Inputs of the last `started` record of a step, when it never finished (a crash mid-step). */
  unfinished(name: string): Record<string, unknown> | undefined;
  scoped(prefix: string): StepJournal;
}

/** `journal` with every step name under `prefix/`: one procedure's steps inside another's. */
export function scopedJournal(journal: StepJournal, prefix: string): StepJournal {
  const n = (name: string) => `${prefix}/${name}`;
  return {
    id: journal.id,
    step: (name, inputs, fn) => journal.step(n(name), inputs, fn),
    check: (name, inputs, fn) => journal.check(n(name), inputs, fn),
    effect: (name, inputs, present, fn) => journal.effect(n(name), inputs, present, fn),
    skip: (name, reason, details) => journal.skip(n(name), reason, details),
    completed: (name) => journal.completed(n(name)),
    unfinished: (name) => journal.unfinished(n(name)),
    scoped: (p) => journal.scoped(n(p)),
  };
}
