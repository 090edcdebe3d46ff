/**
 * What every cluster command shares: its flags, turned into `connect()`'s options (the library builds the
 * adapters, the journal, the confirmation and the escalation ticker).
 */
import {
  type Connection,
  connect,
  type Journal,
  type KubeAdapter,
  type ProcedureDeps,
  type Redactor,
} from '@runbook/scripts';
import type { Context } from './context.ts';
import { defineFlags, type ParsedFlags } from './define.ts';

/** Flags of every command that talks to a cluster. */
export const CLUSTER_FLAGS = defineFlags({
  context: {
    type: 'string',
    hint: 'NAME',
    description: 'kube context (default: the kubeconfig current context)',
  },
  kubeconfig: {
    type: 'string',
    hint: 'PATH',
    description: 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config)',
  },
  namespace: {
    type: 'string',
    short: 'n',
    hint: 'NS',
    description: 'namespace (default: the runbook meta.namespace)',
  },
  env: {
    type: 'string',
    hint: 'NAME',
    description:
      'runbook environment: production|sim… (default: sim if the context is "sim", else production)',
  },
  'dry-run': {
    type: 'string',
    hint: 'client|server',
    bareValue: 'client',
    choices: ['client', 'server'],
    description:
      'Change nothing: print each step, its exact API call and the kubectl equivalent; =server also sends each write with dryRun=All for the API server to validate',
  },
  yes: {
    type: 'boolean',
    short: 'y',
    description: 'Confirm destructive steps without asking (needed without a TTY)',
  },
  json: { type: 'boolean', description: 'Print the result as JSON' },
  'incidents-dir': {
    type: 'string',
    hint: 'DIR',
    description: 'Where incident journals go (default ./incidents)',
  },
  resume: {
    type: 'string',
    hint: 'INCIDENT',
    description:
      'Continue that incident with the same flags: every check runs again, a done step is skipped only if the cluster still shows it',
  },
});
export type ClusterFlags = ParsedFlags<typeof CLUSTER_FLAGS>;

/** Exit codes of cluster commands, for `details` in --help. */
export const CLUSTER_EXIT_DETAILS = `Exit codes: 2 usage (bad flag or value, or --resume with other flags than the incident's; nothing
changed) · 3 precondition refused (target not ready, deployment missing, lock held, not confirmed) · 4
verification failed (or a deadline exceeded while waiting) · 5 infrastructure error (API server unreachable,
forbidden, webhook, journal not writable). Every run is journaled under --incidents-dir; a failed or killed one continues with
--resume INCIDENT and the same flags (--deadline, --timeout and --force may change): every check runs again
on the cluster, and a step already done is skipped only while the cluster still shows it.`;

/** A command's run: the connection (adapters, journal, procedures) and how to print. */
export interface Runtime {
  deps: ProcedureDeps;
  journal: Journal;
  redact: Redactor;
  json: boolean;
  conn: Connection;
  /** Records the end of the run, stops the ticker, closes the journal. */
  close(outcome: 'ok' | 'failed', details?: Record<string, unknown>): Promise<void>;
}

export interface RuntimeOptions {
  /** The command as journaled (`rollback blue-green`). */
  command: string;
  /** Inputs of the run for its journal (redacted). */
  inputs?: Record<string, unknown>;
  /** Use this adapter instead of building one (tests, the drill). */
  kube?: KubeAdapter;
  /**
   * Emergency: an unwritable journal does not stop the run; it is kept in memory and written to a temporary
   * folder at the end. Other commands refuse (exit 5) before changing anything.
   */
  journalFallback?: boolean;
  /** One of the environment's several clusters: its kube context, named in its journal path, events and record. */
  cluster?: string;
  /** Id of a new incident shared by the runs on several clusters. */
  incidentId?: string;
}

/** The common flags, as `connect()` takes them: the CLI builds nothing by hand. */
export async function createRuntime(
  ctx: Context,
  flags: ClusterFlags,
  options: RuntimeOptions,
): Promise<Runtime> {
  const conn = await connect({
    runbook: ctx.runbook(),
    lang: ctx.lang,
    context: flags.context,
    kubeconfig: flags.kubeconfig,
    namespace: flags.namespace,
    env: flags.env,
    incident: flags.resume,
    incidentsDir: flags['incidents-dir'],
    command: options.command,
    inputs: options.inputs,
    signal: ctx.signal,
    dryRun: flags['dry-run'],
    yes: flags.yes,
    ask: ctx.isTTY ? ctx.confirm : undefined,
    log: (line) => ctx.err(line),
    out: (line) => ctx.out(line),
    processEnv: ctx.env,
    kube: options.kube,
    journalFallback: options.journalFallback,
    cluster: options.cluster,
    incidentId: options.incidentId,
    flagNames: true,
  });
  return {
    conn,
    deps: conn.deps,
    journal: conn.journal,
    redact: conn.redact,
    json: Boolean(flags.json),
    close: (outcome, details) => conn.close(outcome, details),
  };
}

/** Runs `fn` with a runtime, journaling its end whether it succeeds or throws. */
export async function withRuntime<T>(
  ctx: Context,
  flags: ClusterFlags,
  options: RuntimeOptions,
  fn: (rt: Runtime) => Promise<T>,
): Promise<T> {
  const rt = await createRuntime(ctx, flags, options);
  try {
    const result = await fn(rt);
    // A command that returns a non-zero exit code (a failed verification) did not succeed either.
    if (typeof result === 'number' && result !== 0) await rt.close('failed', { exitCode: result });
    else await rt.close('ok');
    return result;
  } catch (err) {
    const e = err as { code?: string; message?: string; exitCode?: number };
    await rt.close('failed', {
      code: e.code ?? 'E_INTERNAL',
      error: e.message ?? String(err),
      exitCode: e.exitCode ?? 70,
    });
    throw err;
  }
}
