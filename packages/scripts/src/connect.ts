/**
 * `connect()`: everything a procedure needs, built from ordinary inputs (a runbook file, a kube context, a
 * namespace, an incident), so that the CLI, the drill and a user's zx script run the procedures the same way:
 * journaled, under the namespace lock, redacted.
 */
import type { Environment, Lang, Runbook } from '@runbook/core';
import { startEscalationTicker } from './_ticker.ts';
import { CLEANUP_DEADLINE_MS, type KubeAdapter } from './adapters/kube.ts';
import { webhookFromEnv } from './adapters/webhook.ts';
import { type BoundProcedures, bindProcedures } from './bound-procedures.ts';
import { connectCluster, type TargetOptions } from './cluster-target.ts';
import { createConfirm } from './confirm.ts';
import type { Journal } from './journal.ts';
import { openIncident } from './open-incident.ts';
import type { ProcedureDeps } from './procedures/deps.ts';
import { createRedactor, knownSecrets, type Redactor } from './redact.ts';

export interface ConnectOptions extends TargetOptions {
  /** Continue this incident: its checks run again, a done step is skipped only while the cluster shows it. */
  incident?: string;
  /** Where incident journals go; default `./incidents`. */
  incidentsDir?: string;
  /** The command as journaled; default `script`. A resumed incident must be of the same command. */
  command?: string;
  /** Inputs of the run, recorded in the journal (redacted); a resume must give the same. */
  inputs?: Record<string, unknown>;
  /** Change nothing: print each step's API call and kubectl equivalent (`server`: also send it with dryRun=All). */
  dryRun?: boolean | 'client' | 'server';
  /** Confirm destructive steps; without it (and without `ask`) they are refused, as the CLI does without --yes. */
  yes?: boolean;
  /** Asks a person before a destructive step; true to go on. */
  ask?: (question: string) => Promise<boolean>;
  /** Progress lines (default: stderr), redacted. */
  log?: (line: string) => void;
  /** Plan lines of a dry run and results (default: stdout), redacted. */
  out?: (line: string) => void;
  /** Where the webhook (SLACK_WEBHOOK) and secrets to redact are read; default `process.env`. */
  processEnv?: NodeJS.ProcessEnv;
  /** Prints who to call as the minutes pass (default true, not in a dry run). */
  escalation?: boolean;
  /** Incoming webhook URL (secret, never printed); default SLACK_WEBHOOK from `processEnv`. */
  webhook?: string;
  /** Lock holder identity; default user@host/pid. */
  lockIdentity?: string;
  /** An incident journal already open (the drill journals its set-up before a cluster exists); its owner closes it. */
  journal?: Journal;
  /**
   * Keep a copy of the incident in the cluster: an Event per step on the object it acted on, and the incident
   * record (a ConfigMap) that `runbook status` and a take-over from another machine read. Default true.
   */
  clusterRecord?: boolean;
  /**
   * The cluster's name, when the environment has several (`clusters`): named in its events and record, and its
   * journal goes under `<incidentsDir>/<cluster>/`.
   */
  cluster?: string;
  /** Id of a new incident, shared by the runs of one command on several clusters (see newIncidentId). */
  incidentId?: string;
  /** Emergency: an unwritable journal is kept in memory and saved elsewhere instead of refusing to start. */
  journalFallback?: boolean;
}

/** A connected runbook: the deps every procedure takes, and the journal of this incident. */
export interface Connection extends BoundProcedures {
  readonly runbook: Runbook;
  readonly lang: Lang;
  readonly envName: string;
  readonly env: Environment;
  readonly kube: KubeAdapter;
  readonly journal: Journal;
  /** The incident id: `runbook postmortem <id>` and `--resume <id>` take it. */
  readonly incident: string;
  readonly deps: ProcedureDeps;
  readonly redact: Redactor;
  /** Journals the end (ok or failed), stops the escalation lines, closes the journal. Idempotent. */
  close(outcome?: 'ok' | 'failed', details?: Record<string, unknown>): Promise<void>;
}

/** How a person is reached: lines redacted, questions asked only when `ask` is given. */
function talk(options: ConnectOptions, redact: Redactor) {
  const write = (stream: NodeJS.WriteStream) => (line: string) => void stream.write(`${line}\n`);
  const log = options.log ?? write(process.stderr);
  const out = options.out ?? write(process.stdout);
  return {
    log: (line: string) => log(redact(line)),
    out: (line: string) => out(redact(line)),
    confirm: createConfirm({
      yes: Boolean(options.yes),
      isTTY: Boolean(options.ask),
      ask: options.ask ?? (async () => false),
    }),
  };
}

/**
 * Loads the runbook, connects to the cluster and opens the incident journal. Bad input throws the CLI's typed
 * errors (UsageError exit 2, InvalidRunbookError, E_CONTEXT_MISMATCH exit 3…) before anything is written.
 */
export async function connect(options: ConnectOptions = {}): Promise<Connection> {
  const { runbook, lang, kube, envName, env } = await connectCluster(options);
  const processEnv = options.processEnv ?? process.env;
  const redact = createRedactor(knownSecrets(processEnv));
  const dryRun = Boolean(options.dryRun);
  const { log, out, confirm } = talk(options, redact);
  // Which cluster the run is about to act on, said before its first request: a wrong context shows at once,
  // not after the lock and the journal are taken.
  if (!options.journal)
    log(
      `${options.command ?? 'script'}: context ${kube.context ?? '(none)'}, namespace ${kube.namespace}, environment ${envName}${dryRun ? ' (dry run)' : ''}`,
    );
  const inputs = {
    ...options.inputs,
    namespace: kube.namespace,
    context: kube.context,
    env: envName,
    dryRun,
  };
  const { journal, mirror } = options.journal
    ? { journal: options.journal, mirror: null }
    : await openIncident(kube, {
        baseDir: options.incidentsDir ?? 'incidents',
        command: options.command ?? 'script',
        incident: options.incident,
        inputs,
        redact,
        dryRun,
        fallback: options.journalFallback
          ? (reason) => log(`! journal: ${reason}; kept in memory`)
          : undefined,
        operator: options.lockIdentity,
        clusterRecord: options.clusterRecord,
        cluster: options.cluster,
        id: options.incidentId,
        log,
      });
  const stopTicker =
    dryRun || options.escalation === false
      ? () => {}
      : startEscalationTicker({ runbook, lang, since: journal.startedAt, print: log });
  const deps: ProcedureDeps = {
    runbook,
    lang,
    envName,
    env,
    kube,
    journal,
    log,
    out,
    dryRun,
    serverDryRun: options.dryRun === 'server',
    confirm,
    signal: options.signal,
    webhook: options.webhook ?? webhookFromEnv(processEnv),
    ...(options.lockIdentity ? { lockIdentity: options.lockIdentity } : {}),
  };
  let closed: Promise<void> | undefined;
  const close = (outcome: 'ok' | 'failed' = 'ok', details: Record<string, unknown> = {}) => {
    closed ??= (async () => {
      stopTicker();
      // A journal handed in is its owner's to close.
      if (options.journal) return;
      await journal.close(outcome, details);
      await mirror?.flush(CLEANUP_DEADLINE_MS);
      if (journal.unwritable) reportUnwritable(journal, log);
    })();
    return closed;
  };
  const baseDir = options.incidentsDir ?? 'incidents';
  return {
    ...bindProcedures(deps, { journal, baseDir, redact }),
    ...{ runbook, lang, envName, env, kube, journal, deps, redact, close },
    incident: journal.id,
  };
}

/** Says where a journal kept in memory went; printed whole when no folder could take it. */
function reportUnwritable(journal: Journal, log: (line: string) => void): void {
  const savedTo = journal.unwritable?.savedTo;
  if (savedTo) {
    log(`journal written to ${savedTo}`);
    return;
  }
  log('! the journal could not be written anywhere; its records follow');
  for (const record of journal.history()) log(JSON.stringify(record));
}
