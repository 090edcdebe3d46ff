/** People's declarations (data loss, security flaw, payment incident), kept in and read back from the journal. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '@runbook/core';
import { type JournalRecord, readJournal } from '../journal.ts';
import { recordStep } from '../record-step.ts';
import { createRedactor, knownSecrets } from '../redact.ts';
import { DECLARABLE_EVENTS, type DeclarableEvent, type Declaration } from './decide.ts';

/** The journal step a declaration is recorded under: `declare/data-loss`. */
export const DECLARE_STEP = 'declare';

export function parseDeclarableEvent(text: string): DeclarableEvent {
  if (!(DECLARABLE_EVENTS as readonly string[]).includes(text)) {
    throw new UsageError(`--declare: expected one of ${DECLARABLE_EVENTS.join(', ')}, got "${text}"`);
  }
  return text as DeclarableEvent;
}

/**
 * Appends a declaration to an incident's journal. The incident may have been opened by any command
 * (emergency, rollback...), so the record goes straight into its journal.jsonl rather than through a new
 * run of `decide`; without an incident, a new one is opened. Returns the incident id.
 */
export async function recordDeclaration(
  baseDir: string,
  incident: string | undefined,
  declaration: Declaration,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const redact = createRedactor(knownSecrets(env));
  const details = {
    event: declaration.event,
    reason: declaration.reason,
    at: new Date(declaration.at).toISOString(),
    ...(declaration.by ? { by: declaration.by } : {}),
  };
  return recordStep({
    baseDir,
    incident,
    command: 'decide',
    step: `${DECLARE_STEP}/${declaration.event}`,
    outcome: 'ok',
    details,
    redact,
  });
}

/** Every declaration of an incident; an incident without a journal is a usage error. */
export async function readDeclarations(baseDir: string, incident: string): Promise<Declaration[]> {
  return declarationsIn(await readJournal(baseDir, incident));
}

export function declarationsIn(records: readonly JournalRecord[]): Declaration[] {
  return records
    .filter((r) => r.outcome === 'ok' && r.step.startsWith(`${DECLARE_STEP}/`))
    .map((r) => {
      const d = r.details as { event?: string; reason?: string; at?: string; by?: string };
      return {
        event: d.event as DeclarableEvent,
        reason: String(d.reason ?? ''),
        at: Date.parse(d.at ?? r.time),
        ...(d.by ? { by: d.by } : {}),
      };
    })
    .filter((d) => (DECLARABLE_EVENTS as readonly string[]).includes(d.event));
}

export function incidentExists(baseDir: string, incident: string): boolean {
  return existsSync(join(baseDir, incident, 'journal.jsonl'));
}
