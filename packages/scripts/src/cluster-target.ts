/**
 * What every cluster command checks and builds before it does anything: the runbook, its language, the kube
 * adapter and the environment. `connect()` adds the journal and the procedures; `runbook status` needs only this.
 */
import {
  defaultRunbook,
  type Environment,
  EXIT,
  type Lang,
  type Runbook,
  RunbookError,
  UsageError,
} from '@runbook/core';
import { createKubeAdapter, type KubeAdapter } from './adapters/kube.ts';
import { loadRunbookFile } from './runbook-file.ts';

/** What a cluster command is aimed at: the runbook, the cluster and the environment. */
export interface TargetOptions {
  /** A runbook file (YAML or JSON), or a runbook already parsed; default the built-in one. */
  runbook?: string | Runbook;
  /** Kube context; default the environment's `kubeContext`, then the kubeconfig's current context. */
  context?: string;
  /** Kubeconfig file; default KUBECONFIG, then ~/.kube/config. */
  kubeconfig?: string;
  /** Namespace; default the runbook's `meta.namespace`. */
  namespace?: string;
  /** Runbook environment (`production`, `sim`…); default `sim` on the context "sim", else `production`. */
  env?: string;
  /** Language of notices and lines; default the runbook's first. */
  lang?: Lang;
  /** Aborting it stops the procedure cleanly (E_INTERRUPTED, exit 130), the lock released. */
  signal?: AbortSignal;
  /** A kube adapter already built (the drill's in-process cluster); replaces context/kubeconfig. */
  kube?: KubeAdapter;
  /** Name options as the CLI's flags (`--context`) in error messages; the CLI sets it. */
  flagNames?: boolean;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The environment named, or the default for this kube context. */
export function resolveEnvironment(
  runbook: Runbook,
  envName: string | undefined,
  kubeContext: string | null,
  label = '--env',
): { name: string; env: Environment } {
  const envs = runbook.meta.environments as Record<string, Environment>;
  const name = envName ?? (kubeContext === 'sim' ? 'sim' : 'production');
  const env = envs[name];
  if (!env)
    throw new UsageError(
      `${label}: unknown environment "${name}"; expected one of ${Object.keys(envs).join(', ')}`,
    );
  return { name, env };
}

function runbookOf(option: TargetOptions['runbook'], label: string): Runbook {
  if (option === undefined) return defaultRunbook();
  if (typeof option === 'string') return loadRunbookFile(option, label).runbook;
  return option;
}

function checkLang(runbook: Runbook, lang: string | undefined, label: string): Lang {
  const languages = runbook.meta.languages;
  if (lang === undefined) return languages[0]!;
  if (languages.includes(lang)) return lang;
  throw new UsageError(
    `${label}: expected ${languages.join(' or ')}, the runbook's languages; got "${lang}"`,
  );
}

function checkNamespace(namespace: string, label: string): string {
  if (!DNS_LABEL.test(namespace))
    throw new UsageError(
      `${label}: expected a DNS-1123 label (lowercase letters, digits, '-'), got ${JSON.stringify(namespace)}`,
    );
  return namespace;
}

function assertContextMatches(envName: string, env: Environment, kube: KubeAdapter, contextLabel: string) {
  if (env.kubeContext && kube.context && env.kubeContext !== kube.context) {
    throw new RunbookError(
      'E_CONTEXT_MISMATCH',
      `environment "${envName}" runs in kube context "${env.kubeContext}", but the context in use is "${kube.context}"`,
      EXIT.precondition,
      `pass ${contextLabel} ${env.kubeContext}, or an env for the environment of "${kube.context}"`,
    );
  }
}

async function kubeFor(options: TargetOptions, runbook: Runbook, name: (key: string) => string) {
  if (options.kube) return options.kube;
  const envs = runbook.meta.environments as Record<string, Environment>;
  if (options.env && !envs[options.env]) resolveEnvironment(runbook, options.env, null, name('env'));
  const namespace = checkNamespace(options.namespace ?? runbook.meta.namespace, name('namespace'));
  return createKubeAdapter({
    kubeconfig: options.kubeconfig,
    context: options.context ?? (options.env ? (envs[options.env]?.kubeContext ?? undefined) : undefined),
    namespace,
    signal: options.signal,
    labels: { context: name('context'), kubeconfig: name('kubeconfig') },
  });
}

/** The runbook, its language, the cluster and the environment, checked as `connect()` checks them. */
export interface ClusterTarget {
  runbook: Runbook;
  lang: Lang;
  kube: KubeAdapter;
  envName: string;
  env: Environment;
}

/** What `connect()` does before it opens a journal: for read-only commands such as `runbook status`. */
export async function connectCluster(options: TargetOptions): Promise<ClusterTarget> {
  const name = (key: string) =>
    options.flagNames ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : key;
  const runbook = runbookOf(options.runbook, name('runbook'));
  const lang = checkLang(runbook, options.lang, name('lang'));
  if (options.namespace !== undefined) checkNamespace(options.namespace, name('namespace'));
  const kube = await kubeFor(options, runbook, name);
  const { name: envName, env } = resolveEnvironment(runbook, options.env, kube.context, name('env'));
  assertContextMatches(envName, env, kube, name('context'));
  return { runbook, lang, kube, envName, env };
}
