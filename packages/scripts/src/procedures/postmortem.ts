/**
 * The plan's post-mortem template (`postmortem`), filled in from the incident's journals: date, duration,
 * versions and the timeline of steps. An incident run on several clusters has a journal per cluster
 * (`<baseDir>/<cluster>/<id>/`); its post-mortem is still one, in `<baseDir>/<id>/`, with one timeline. What the
 * journals cannot know (root cause, impact) keeps the template's defaults or the values given.
 */
import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Environment,
  formatMs,
  type Lang,
  type Runbook,
  renderTemplate,
  UsageError,
} from '@runbook/core';
import { checkIncidentId, type JournalRecord, readJournal } from '../journal-record.ts';
import {
  clusterSummary,
  type IncidentJournal,
  mergeTimeline,
  orderClusters,
  spanOf,
  timelineOf,
  versionsOf,
} from './postmortem-timeline.ts';

export interface PostmortemOptions {
  /** `--incidents-dir`. */
  baseDir: string;
  incident: string;
  lang: Lang;
  /** Values for placeholders (rootCause, usersAffected…), over what the journal gives. */
  vars?: Record<string, string>;
}

export interface PostmortemResult {
  path: string;
  text: string;
}

/** The records of `<dir>/<id>/journal.jsonl`, or null when there is no such file. */
async function journalIn(dir: string, id: string): Promise<JournalRecord[] | null> {
  const found = await access(join(dir, id, 'journal.jsonl')).then(
    () => true,
    () => false,
  );
  return found ? readJournal(dir, id) : null;
}

/**
 * Every journal of an incident: its own (`<baseDir>/<id>/`) first, then each cluster's (`<baseDir>/<cluster>/<id>/`)
 * in the order the runbook's environment lists them. None at all is a usage error.
 */
export async function readIncidentJournals(
  runbook: Runbook,
  baseDir: string,
  id: string,
): Promise<IncidentJournal[]> {
  checkIncidentId(id);
  const own = await journalIn(baseDir, id);
  const dirs = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const found = await Promise.all(
    dirs
      .filter((d) => d.isDirectory() && d.name !== id)
      .map(async (d) => ({ cluster: d.name, records: await journalIn(join(baseDir, d.name), id) })),
  );
  const byCluster = new Map(found.flatMap((f) => (f.records ? [[f.cluster, f.records] as const] : [])));
  if (!own && !byCluster.size)
    throw new UsageError(
      `incident "${id}": no journal at ${join(baseDir, id, 'journal.jsonl')} nor at ${join(baseDir, '<cluster>', id, 'journal.jsonl')} (see --incidents-dir)`,
    );
  const environments = Object.values(runbook.meta.environments as Record<string, Environment>);
  return [
    ...(own ? [{ cluster: null, records: own }] : []),
    ...orderClusters([...byCluster.keys()], environments).map((cluster) => ({
      cluster,
      records: byCluster.get(cluster)!,
    })),
  ];
}

/**
 * Fills the template from the incident's journals, writes `<baseDir>/<id>/postmortem.md`, and returns its text.
 */
export async function writePostmortem(
  runbook: Runbook,
  options: PostmortemOptions,
): Promise<PostmortemResult> {
  const journals = await readIncidentJournals(runbook, options.baseDir, options.incident);
  const records = journals.flatMap((j) => j.records);
  const span = spanOf(journals);
  const command = records.find((r) => r.step === 'run')?.inputs.command;
  const about = [command ? String(command) : null, clusterSummary(journals)].filter(Boolean);
  const fromJournal: Record<string, string> = {
    date: (span?.first ?? new Date().toISOString()).slice(0, 10),
    incident: `${options.incident}${about.length ? ` (${about.join('; ')})` : ''}`,
    duration: span ? formatMs(span.ms) : '?',
    timeline: timelineOf(mergeTimeline(journals)) || '-',
  };
  const versions = versionsOf(records);
  if (versions) fromJournal.versions = versions;
  const template = runbook.templates.find((t) => t.id === 'postmortem');
  const declared = new Set(template?.placeholders.map((p) => p.name) ?? []);
  const vars = Object.fromEntries(Object.entries(fromJournal).filter(([k]) => declared.has(k)));
  if (declared.has('versions') && !vars.versions && !options.vars?.versions) vars.versions = '?';
  const text = renderTemplate(runbook, 'postmortem', { ...vars, ...options.vars }, options.lang);
  const dir = join(options.baseDir, options.incident);
  // A run on several clusters has no folder of its own yet: only each cluster's.
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'postmortem.md');
  await writeFile(path, `${text}\n`);
  return { path, text };
}
