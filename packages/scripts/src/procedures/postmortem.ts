/**
 * The plan's post-mortem template (`postmortem`), filled in from the incident journal: date, duration,
 * versions and the timeline of steps. What the journal cannot know (root cause, impact) keeps the template's
 * defaults or the values given.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatMs, type Lang, type Runbook, renderTemplate } from '@runbook/core';
import { type JournalRecord, readJournal } from '../journal.ts';

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

const tagOf = (image: unknown) =>
  typeof image === 'string' ? (/:([^:/]+)$/.exec(image)?.[1] ?? image) : null;

/** "v1.2.4 → v1.2.3" from whatever the steps recorded (images before and after). */
export function versionsOf(records: readonly JournalRecord[]): string | null {
  const from = new Set<string>();
  const to = new Set<string>();
  const visit = (v: unknown, key = ''): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x, key);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    for (const [k, x] of Object.entries(o)) {
      if (k === 'fromImage' && tagOf(x)) from.add(tagOf(x)!);
      else if (k === 'toImage' && tagOf(x)) to.add(tagOf(x)!);
      else if (k === 'image' && tagOf(x)) (key === 'previous' ? from : to).add(tagOf(x)!);
      else visit(x, k);
    }
  };
  for (const r of records) if (r.outcome === 'ok') visit(r.details);
  if (!from.size && !to.size) return null;
  return `${[...from].join(', ') || '?'} → ${[...to].join(', ') || '?'}`;
}

/** The timeline: one line per finished step, in local time, with its duration. */
export function timelineOf(records: readonly JournalRecord[]): string {
  return records
    .filter((r) => r.outcome !== 'started')
    .map((r) => {
      const t = new Date(r.time).toTimeString().slice(0, 8);
      const why =
        r.outcome === 'failed'
          ? `: ${String(r.details.error ?? '')}`
          : r.outcome === 'skipped' && r.details.reason
            ? `: ${String(r.details.reason)}`
            : '';
      return `- ${t} - ${r.step} ${r.outcome}${r.durationMs ? ` (${formatMs(r.durationMs)})` : ''}${why}`;
    })
    .join('\n');
}

/** Fills the template from the journal, writes incidents/<id>/postmortem.md, and returns its text. */
export async function writePostmortem(
  runbook: Runbook,
  options: PostmortemOptions,
): Promise<PostmortemResult> {
  const records = await readJournal(options.baseDir, options.incident);
  const first = records[0];
  const last = records.at(-1);
  const command = records.find((r) => r.step === 'run')?.inputs.command;
  const fromJournal: Record<string, string> = {
    date: (first?.time ?? new Date().toISOString()).slice(0, 10),
    incident: `${options.incident}${command ? ` (${String(command)})` : ''}`,
    duration: first && last ? formatMs(Date.parse(last.time) - Date.parse(first.time)) : '?',
    timeline: timelineOf(records) || '-',
  };
  const versions = versionsOf(records);
  if (versions) fromJournal.versions = versions;
  const template = runbook.templates.find((t) => t.id === 'postmortem');
  const declared = new Set(template?.placeholders.map((p) => p.name) ?? []);
  const vars = Object.fromEntries(Object.entries(fromJournal).filter(([k]) => declared.has(k)));
  if (declared.has('versions') && !vars.versions && !options.vars?.versions) vars.versions = '?';
  const text = renderTemplate(runbook, 'postmortem', { ...vars, ...options.vars }, options.lang);
  const path = join(options.baseDir, options.incident, 'postmortem.md');
  await writeFile(path, `${text}\n`);
  return { path, text };
}
