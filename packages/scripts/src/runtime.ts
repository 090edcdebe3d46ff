/**
 * What every cluster command shares: its flags, and building the kube adapter, the environment, the journal,
 * the confirmation and the escalation ticker from them.
 */
import { type Environment, EXIT, type Runbook, RunbookError, UsageError } from '@runbook/core';
import { createRedactor, knownSecrets, type Redactor } from './_redact.ts';
import { assertSameInputs } from './_resume.ts';
import { startEscalationTicker } from './_ticker.ts';
import { createKubeAdapter, type KubeAdapter } from './adapters/kube.ts';
import { webhookFromEnv } from './adapters/webhook.ts';
import type { Context } from './cli/context.ts';
import { defineFlags, type ParsedFlags } from './cli/define.ts';
import { createConfirm } from './confirm.ts';
import { Journal } from './journal.ts';
import type { ProcedureDeps } from './procedures/deps.ts';

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

/** The environment named by `--env`, or the default for this kube context. */
export function resolveEnvironment(
  runbook: Runbook,
  envFlag: string | undefined,
  kubeContext: string | null,
): { name: string; env: Environment } {
  const envs = runbook.meta.environments as Record<string, Environment>;
  const name = envFlag ?? (kubeContext === 'sim' ? 'sim' : 'production');
  const env = envs[name];
  if (!env)
    throw new UsageError(
      `--env: unknown environment "${name}"; expected one of ${Object.keys(envs).join(', ')}`,
    );
  return { name, env };
}

/** A command's run: adapters, journal, and what to close at the end. */
export interface Runtime {
  deps: ProcedureDeps;
  journal: Journal;
  redact: Redactor;
  json: boolean;
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
}

/** Parses the common flags and builds everything a procedure needs. */
export async function createRuntime(
  ctx: Context,
  flags: ClusterFlags,
  options: RuntimeOptions,
): Promise<Runtime> {
  const runbook = ctx.runbook();
  const envFlag = flags.env;
  const envs = runbook.meta.environments as Record<string, Environment>;
  if (envFlag && !envs[envFlag]) resolveEnvironment(runbook, envFlag, null);
  const kube =
    options.kube ??
    (await createKubeAdapter({
      kubeconfig: flags.kubeconfig,
      context: flags.context ?? (envFlag ? (envs[envFlag]?.kubeContext ?? undefined) : undefined),
      namespace: flags.namespace ?? runbook.meta.namespace,
      signal: ctx.signal,
    }));
  const { name: envName, env } = resolveEnvironment(runbook, envFlag, kube.context);
  if (env.kubeContext && kube.context && env.kubeContext !== kube.context) {
    throw new RunbookError(
      'E_CONTEXT_MISMATCH',
      `environment "${envName}" runs in kube context "${env.kubeContext}", but the context in use is "${kube.context}"`,
      EXIT.precondition,
      `pass --context ${env.kubeContext}, or --env for the environment of "${kube.context}"`,
    );
  }
  const redact = createRedactor(knownSecrets(ctx.env));
  const dryRun = Boolean(flags['dry-run']);
  const baseDir = flags['incidents-dir'] ?? 'incidents';
  const inputs = {
    ...options.inputs,
    namespace: kube.namespace,
    context: kube.context,
    env: envName,
    dryRun,
  };
  const resume = flags.resume;
  if (resume) await assertSameInputs(baseDir, resume, options.command, redact(inputs));
  const log = (line: string) => ctx.err(redact(line));
  const journal = await Journal.open({
    baseDir,
    command: options.command,
    resume,
    redact,
    memory: dryRun,
    fallback: options.journalFallback ? (reason) => log(`! journal: ${reason}; kept in memory`) : undefined,
    inputs,
  });
  const stopTicker = dryRun
    ? () => {}
    : startEscalationTicker({ runbook, lang: ctx.lang, since: journal.startedAt, print: log });
  if (!dryRun)
    log(
      `incident ${journal.id}${journal.resumed ? ' (resumed)' : ''}: journal ${journal.unwritable ? 'kept in memory' : journal.path}`,
    );
  const deps: ProcedureDeps = {
    runbook,
    lang: ctx.lang,
    envName,
    env,
    kube,
    journal,
    log,
    out: (line) => ctx.out(redact(line)),
    dryRun,
    serverDryRun: flags['dry-run'] === 'server',
    confirm: createConfirm({ yes: Boolean(flags.yes), isTTY: ctx.isTTY, ask: ctx.confirm }),
    signal: ctx.signal,
    webhook: webhookFromEnv(ctx.env),
  };
  return {
    deps,
    journal,
    redact,
    json: Boolean(flags.json),
    async close(outcome, details = {}) {
      stopTicker();
      await journal.close(outcome, details);
      if (journal.unwritable) reportUnwritable(journal, log);
    },
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
