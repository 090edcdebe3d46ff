/**
 * Opening an incident: a new journal, or the one `--resume` names, from this machine's journal or, when this
 * machine has none (another engineer's laptop died), from the incident record in the cluster. The journal's
 * records then follow into the cluster (Events and the record), best effort.
 */
import { join } from 'node:path';
import { type IncidentRecord, type JournalRecord, RunbookError, UsageError } from '@runbook/core';
import { assertSameInputs } from './_resume.ts';
import type { KubeAdapter } from './adapters/kube.ts';
import { fromConfigMap, recordName } from './incident-configmap.ts';
import { IncidentMirror, MIRROR_STEP } from './incident-mirror.ts';
import { Journal, readJournal } from './journal.ts';
import { checkIncidentId } from './journal-record.ts';
import { holderIdentity } from './lock.ts';
import type { Redactor } from './redact.ts';

export interface OpenIncidentOptions {
  baseDir: string;
  command: string;
  /** `--resume` */
  incident?: string;
  inputs: Record<string, unknown>;
  redact: Redactor;
  dryRun: boolean;
  /** Keep an unwritable journal in memory (emergency). */
  fallback?: (reason: string) => void;
  /** Lock holder identity; default user@host/pid. */
  operator?: string;
  /** Copy the incident into the cluster (default true; never in a dry run). */
  clusterRecord?: boolean;
  /** The cluster's name when the environment has several: its journal goes under `<baseDir>/<cluster>/`. */
  cluster?: string;
  /** Id of a new incident shared by several clusters. */
  id?: string;
  log: (line: string) => void;
}

export interface OpenedIncident {
  journal: Journal;
  /** The cluster copy, or null in a dry run or when turned off. */
  mirror: IncidentMirror | null;
}

interface Previous {
  records: JournalRecord[];
  /** The cluster's record, when the records came from it (a take-over). */
  taken: IncidentRecord | null;
}

/** The incident's records: this machine's journal, else the cluster's record of it. */
async function previousRecords(kube: KubeAdapter, baseDir: string, id: string): Promise<Previous> {
  checkIncidentId(id);
  try {
    return { records: await readJournal(baseDir, id), taken: null };
  } catch (local) {
    // The id is well formed (checked above): a usage error now means no journal on this machine.
    if (!(local instanceof UsageError)) throw local;
    const cm = await kube.getConfigMap(recordName(id));
    if (!cm) throw local;
    const taken = fromConfigMap(cm);
    return { records: taken.records, taken };
  }
}

export async function openIncident(kube: KubeAdapter, o: OpenIncidentOptions): Promise<OpenedIncident> {
  const operator = o.operator ?? holderIdentity();
  const baseDir = o.cluster ? join(o.baseDir, o.cluster) : o.baseDir;
  const previous = o.incident ? await previousRecords(kube, baseDir, o.incident) : null;
  if (o.incident && previous) assertSameInputs(previous.records, o.incident, o.command, o.redact(o.inputs));
  const taken = previous?.taken ?? null;
  let journal: Journal | undefined;
  const mirror =
    o.dryRun || o.clusterRecord === false
      ? null
      : new IncidentMirror(kube, {
          command: o.command,
          operator,
          cluster: o.cluster ?? null,
          handovers: taken
            ? [...taken.handovers, { from: taken.operator, to: operator, at: new Date().toISOString() }]
            : [],
          onFailure: (err) => {
            const reason = err instanceof Error ? err.message : String(err);
            // RBAC's hint (which verb on which resource) says what to ask for; the run goes on regardless.
            const hint = err instanceof RunbookError && err.hint ? `\nhint: ${err.hint}` : '';
            o.log(
              `! the incident's copy in the cluster is not kept up to date (${reason}); the local journal has it all${hint}`,
            );
            void journal?.append(MIRROR_STEP, 'failed', { details: { error: reason } }).catch(() => {});
          },
        });
  journal = await Journal.open({
    baseDir,
    command: o.command,
    resume: o.incident,
    ...(o.id ? { id: o.id } : {}),
    ...(taken ? { previous: taken.records } : {}),
    redact: o.redact,
    memory: o.dryRun,
    fallback: o.fallback,
    inputs: o.inputs,
    ...(mirror
      ? { onRecord: (r: JournalRecord, all: readonly JournalRecord[]) => mirror.record(r, all) }
      : {}),
  });
  if (taken) {
    o.log(
      `incident ${journal.id}: taken over from ${taken.operator} (its record in the cluster, ${taken.records.length} records)`,
    );
    await journal.append('take-over', 'ok', {
      details: { from: taken.operator, to: operator, dropped: taken.dropped },
    });
  }
  if (!o.dryRun)
    o.log(
      `incident ${journal.id}${journal.resumed ? ' (resumed)' : ''}: journal ${journal.unwritable ? 'kept in memory' : journal.path}`,
    );
  return { journal, mirror };
}
