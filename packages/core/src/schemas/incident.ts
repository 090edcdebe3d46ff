import { z } from 'zod';

/** How a journaled step ended; `started` is written before it runs, so a crash leaves it last. */
export const outcomeSchema = z.enum(['started', 'ok', 'failed', 'skipped']);
export type Outcome = z.infer<typeof outcomeSchema>;

/** One line of an incident journal (`journal.jsonl`), and one entry of the incident record in the cluster. */
export const journalRecordSchema = z.object({
  /** ISO time the record was written. */
  time: z.iso.datetime({ offset: true }),
  /** Incident id, the journal's folder name. */
  incident: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/),
  /** Step id, scoped by `/` (`emergency/switch/switch-traffic`); `run` is the run's own first line. */
  step: z.string().min(1).max(253),
  outcome: outcomeSchema,
  /** How long the step took; 0 on `started` records. */
  durationMs: z.number().int().nonnegative(),
  /** What the step was given, secrets redacted. */
  inputs: z.record(z.string(), z.unknown()),
  /** What it found or did (versions, selectors, error), secrets redacted. */
  details: z.record(z.string(), z.unknown()),
});
export type JournalRecord = z.infer<typeof journalRecordSchema>;

/**
 * The copy of an incident kept in the cluster, so that anyone with the kubeconfig can see it and take it over.
 * It is a summary of the local journal: it must fit in one object of the API server.
 */
export const incidentRecordSchema = z.object({
  /** Format of this record; a reader refuses any other. */
  format: z.literal('runbook.incident/v1'),
  incident: journalRecordSchema.shape.incident,
  /** The command the incident runs, such as `rollback blue-green`. */
  command: z.string().min(1),
  /** Cluster (kube context) the record lives in, when the environment has several. */
  cluster: z.string().min(1).nullable(),
  /** `user@host/pid` of whoever wrote it last. */
  operator: z.string().min(1),
  /** Holders before the current one, oldest first, each with when it took over. */
  handovers: z.array(z.object({ from: z.string().min(1), to: z.string().min(1), at: z.iso.datetime() })),
  startedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  /** The run's journal, compacted (see `compactRecords`): its first line and the last record of each step. */
  records: z.array(journalRecordSchema).min(1),
  /**
   * How many journal records were lost to keep it within the size limit (the oldest ones). Records a later
   * one of the same step supersedes (a step's `started`, an earlier try) are left out without counting here.
   */
  dropped: z.number().int().nonnegative(),
});
export type IncidentRecord = z.infer<typeof incidentRecordSchema>;
