/** One finished step recorded by a command that does not run a journal of its own (notify, decide --declare). */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { appendLines, journalError } from './_journal-file.ts';
import { Journal } from './journal.ts';
import { makeRecord, readJournal } from './journal-record.ts';
import type { Redactor } from './redact.ts';

/**
 * Records one finished step into an incident's journal: appended to the journal of `incident` (opened by
 * any command), or to a new incident of `command` when there is none. Returns the incident id.
 */
export async function recordStep(options: {
  baseDir: string;
  incident: string | undefined;
  command: string;
  step: string;
  outcome: 'ok' | 'failed';
  details: Record<string, unknown>;
  redact: Redactor;
}): Promise<string> {
  const { baseDir, incident, redact } = options;
  if (!incident) {
    const journal = await Journal.open({ baseDir, command: options.command, redact });
    await journal.append(options.step, options.outcome, { details: options.details });
    await journal.close(options.outcome);
    return journal.id;
  }
  await readJournal(baseDir, incident); // the id is valid and its journal exists
  const record = makeRecord(incident, options.step, options.outcome, redact, { details: options.details });
  try {
    const file = await open(join(baseDir, incident, 'journal.jsonl'), 'a', 0o600);
    try {
      await appendLines(file, `${JSON.stringify(record)}\n`);
    } finally {
      await file.close();
    }
  } catch (err) {
    throw await journalError(baseDir, err, true);
  }
  return incident;
}
