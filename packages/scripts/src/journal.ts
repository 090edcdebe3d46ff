/**
 * The incident journal: `incidents/<id>/journal.jsonl`, one JSON record per line, each fsync'ed before the
 * next step starts, so a crash (even SIGKILL) loses nothing. On `--resume ID` the journal is not believed
 * about the cluster: checks and verifications (`check`) run again, an effect (`effect`) is skipped only when
 * a fresh read shows it still in place; plain `step`s (records such as the selectors before a switch) hand
 * back what they recorded.
 */
import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '@runbook/core';
import { appendLines, journalError, openJournalFile, saveElsewhere } from './_journal-file.ts';
import { type JournalRecord, makeRecord, type Outcome, readJournal } from './journal-record.ts';
import { createRedactor, type Redactor } from './redact.ts';
import { type StepJournal, scopedJournal } from './step-journal.ts';

export { type JournalRecord, type Outcome, readJournal } from './journal-record.ts';
export type { StepJournal } from './step-journal.ts';

export interface JournalOptions {
  /** Base directory (`--incidents-dir`); default `./incidents`. */
  baseDir?: string;
  /** The command, such as `rollback blue-green`; a resumed journal must be of the same command. */
  command: string;
  /** Incident id to continue (`--resume`). */
  resume?: string;
  /** Id of a new incident, when several journals share one (one per cluster); default a fresh one. */
  id?: string;
  /** Inputs of the run, recorded on its first line (redacted). */
  inputs?: Record<string, unknown>;
  /**
   * With `resume`, when this machine has no journal of the incident: the records of the cluster's copy.
   * They are written to the new local journal first, which stays the durable copy from then on.
   */
  previous?: JournalRecord[];
  /** Called with each record once it is on disk, and every record so far: the cluster's copy follows it. */
  onRecord?: (record: JournalRecord, all: readonly JournalRecord[]) => void;
  redact?: Redactor;
  /** Keep records in memory only (`--dry-run` changes nothing, on disk either). */
  memory?: boolean;
  /**
   * Emergency: when the journal cannot be written (disk full, read-only, a file as --incidents-dir), keep it
   * in memory and go on rather than fail; called once with why. `close()` then writes it where it can.
   */
  fallback?: (reason: string) => void;
}

/** A new incident's id: its start, its command and 4 random hex digits. */
export function newIncidentId(command: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${command.replace(/[^a-z0-9]+/gi, '-')}-${randomBytes(2).toString('hex')}`;
}

/** An incident journal on disk (or in memory for dry runs). */
export class Journal implements StepJournal {
  private readonly records: JournalRecord[];
  private queue: Promise<unknown> = Promise.resolve();
  private runStarted = Date.now();
  private fallback: JournalOptions['fallback'];
  private onRecord: JournalOptions['onRecord'];
  /** Whether open() is done: a write failing before that has changed nothing yet. */
  private opened = false;
  /** Set when the journal could not be written and is kept in memory; `savedTo` once closed. */
  unwritable: { reason: string; savedTo?: string | null } | undefined;

  private constructor(
    readonly id: string,
    /** Directory of this incident: journal, captures, post-mortem. */
    readonly dir: string,
    private file: FileHandle | null,
    previous: JournalRecord[],
    private readonly redact: Redactor,
    /** Whether this run continues an earlier one. */
    readonly resumed: boolean,
  ) {
    this.records = previous;
  }

  /** Opens a new journal, or the one of `options.resume`, and records the start of this run. */
  static async open(options: JournalOptions): Promise<Journal> {
    const baseDir = options.baseDir ?? 'incidents';
    const redact = options.redact ?? createRedactor();
    let previous: JournalRecord[] = [];
    let id: string;
    if (options.resume) {
      id = options.resume;
      previous = options.previous ? [...options.previous] : await readJournal(baseDir, id);
      const first = previous.find((r) => r.step === 'run');
      if (first && first.inputs.command !== options.command) {
        throw new UsageError(
          `--resume ${id}: that incident ran "${String(first.inputs.command)}", not "${options.command}"`,
        );
      }
    } else {
      id = options.id ?? newIncidentId(options.command);
    }
    const dir = join(baseDir, id);
    let file: FileHandle | null = null;
    let failure: Error | undefined;
    if (!options.memory) {
      file = await openJournalFile(baseDir, dir).catch((err: Error) => {
        if (!options.fallback) throw err;
        failure = err;
        return null;
      });
    }
    const journal = new Journal(id, dir, file, previous, redact, Boolean(options.resume));
    journal.fallback = options.fallback;
    if (failure) journal.keepInMemory(failure);
    if (options.previous && file)
      await appendLines(file, previous.map((r) => `${JSON.stringify(r)}\n`).join('')).catch(async (err) => {
        await file?.close().catch(() => {});
        throw await journalError(baseDir, err, false);
      });
    journal.onRecord = options.onRecord;
    await journal
      .append('run', 'started', {
        inputs: { command: options.command, resumed: Boolean(options.resume), ...options.inputs },
      })
      .catch(async (err: unknown) => {
        await journal.file?.close().catch(() => {});
        throw err;
      });
    journal.opened = true;
    return journal;
  }

  /** Path of journal.jsonl. */
  get path(): string {
    return join(this.dir, 'journal.jsonl');
  }

  /** When the incident began: the first record of its first run. */
  get startedAt(): Date {
    return new Date(this.records[0]?.time ?? Date.now());
  }

  /** Every record, of earlier runs too, oldest first. */
  history(): readonly JournalRecord[] {
    return this.records;
  }

  /** Appends one record and waits until it is on disk. */
  append(
    step: string,
    outcome: Outcome,
    extra: Partial<Pick<JournalRecord, 'inputs' | 'details' | 'durationMs'>> = {},
  ): Promise<JournalRecord> {
    const record = makeRecord(this.id, step, outcome, this.redact, extra);
    this.records.push(record);
    const write = this.queue.then(async () => {
      if (!this.file) return;
      try {
        await appendLines(this.file, `${JSON.stringify(record)}\n`);
      } catch (err) {
        const error = await journalError(dirname(this.dir), err, this.opened);
        if (!this.fallback) throw error;
        const file = this.file;
        this.file = null;
        await file.close().catch(() => {});
        this.keepInMemory(error);
      }
    });
    this.queue = write.catch(() => {});
    return write.then(() => {
      this.onRecord?.(record, this.records);
      return record;
    });
  }

  completed(name: string): JournalRecord | undefined {
    return this.records.findLast((r) => r.step === name && r.outcome === 'ok');
  }

  unfinished(name: string): Record<string, unknown> | undefined {
    if (this.completed(name)) return undefined;
    return this.records.findLast((r) => r.step === name && r.outcome === 'started')?.inputs;
  }

  async step<D extends Record<string, unknown>>(
    name: string,
    inputs: Record<string, unknown>,
    fn: () => Promise<D> | D,
  ): Promise<D> {
    const done = this.completed(name);
    if (done) {
      await this.append(name, 'skipped', { inputs, details: { resumed: true, completedAt: done.time } });
      return done.details as D;
    }
    return this.run(name, inputs, fn);
  }

  check<D extends Record<string, unknown>>(
    name: string,
    inputs: Record<string, unknown>,
    fn: () => Promise<D> | D,
  ): Promise<D> {
    return this.run(name, inputs, fn);
  }

  async effect<D extends Record<string, unknown>>(
    name: string,
    inputs: Record<string, unknown>,
    present: (done: D) => Promise<boolean> | boolean,
    fn: () => Promise<D> | D,
  ): Promise<D> {
    const done = this.completed(name);
    if (done && (await present(done.details as D))) {
      await this.append(name, 'skipped', {
        inputs,
        details: { resumed: true, completedAt: done.time, stillInPlace: true },
      });
      return done.details as D;
    }
    return this.run(name, inputs, fn, done ? { redo: true, completedAt: done.time } : {});
  }

  /** `started`, then `ok` with what `fn` returns or `failed` with its error. */
  private async run<D extends Record<string, unknown>>(
    name: string,
    inputs: Record<string, unknown>,
    fn: () => Promise<D> | D,
    startDetails: Record<string, unknown> = {},
  ): Promise<D> {
    await this.append(name, 'started', { inputs, details: startDetails });
    const t0 = performance.now();
    try {
      const details = await fn();
      await this.append(name, 'ok', { inputs, details, durationMs: performance.now() - t0 });
      return details;
    } catch (err) {
      const e = err as { code?: string; message?: string };
      await this.append(name, 'failed', {
        inputs,
        details: { code: e.code ?? 'E_INTERNAL', error: e.message ?? String(err) },
        durationMs: performance.now() - t0,
      });
      throw err;
    }
  }

  async skip(name: string, reason: string, details: Record<string, unknown> = {}): Promise<void> {
    await this.append(name, 'skipped', { details: { reason, ...details } });
  }

  scoped(prefix: string): StepJournal {
    return scopedJournal(this, prefix);
  }

  private keepInMemory(err: Error): void {
    this.unwritable = { reason: err.message };
    this.fallback?.(err.message);
  }

  /** Records the end of this run and closes the file; a journal kept in memory is written elsewhere now. */
  async close(outcome: 'ok' | 'failed', details: Record<string, unknown> = {}): Promise<void> {
    await this.append('run', outcome, { details, durationMs: Date.now() - this.runStarted });
    await this.queue;
    await this.file?.close();
    if (this.unwritable) {
      const lines = this.records.map((r) => `${JSON.stringify(r)}\n`).join('');
      this.unwritable.savedTo = await saveElsewhere(this.id, lines);
    }
  }
}
