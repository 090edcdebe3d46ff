/** A line of an incident journal, and reading a journal back. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type JournalRecord, type Outcome, UsageError } from '@runbook/core';
import type { Redactor } from './redact.ts';

export type { JournalRecord, Outcome };

/** A record written now: secrets redacted from what the step was given and what it found. */
export function makeRecord(
  incident: string,
  step: string,
  outcome: Outcome,
  redact: Redactor,
  extra: Partial<Pick<JournalRecord, 'inputs' | 'details' | 'durationMs'>> = {},
): JournalRecord {
  return {
    time: new Date().toISOString(),
    incident,
    step,
    outcome,
    durationMs: Math.round(extra.durationMs ?? 0),
    inputs: redact(extra.inputs ?? {}),
    details: redact(extra.details ?? {}),
  };
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

/** An incident id may become a path: a usage error unless it is one plain name. */
export function checkIncidentId(id: string): void {
  if (!ID.test(id))
    throw new UsageError(`incident id: expected letters, digits, '.', '_' or '-', got "${id}"`);
}

/** Reads a journal file; unreadable lines (a torn last write) are ignored. */
export async function readJournal(baseDir: string, id: string): Promise<JournalRecord[]> {
  checkIncidentId(id);
  let text: string;
  try {
    text = await readFile(join(baseDir, id, 'journal.jsonl'), 'utf8');
  } catch {
    throw new UsageError(
      `incident "${id}": no journal at ${join(baseDir, id, 'journal.jsonl')}`,
      'see --incidents-dir',
    );
  }
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as JournalRecord];
      } catch {
        return [];
      }
    });
}
