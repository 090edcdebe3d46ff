/** Loading the kubeconfig as kubectl does: --kubeconfig, else KUBECONFIG, else ~/.kube/config; then --context. */
import type { KubeConfig } from '@kubernetes/client-node';
import { UsageError } from '@runbook/core';

const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/;

/** Where the kubeconfig comes from; the kube adapter's options extend these. */
export interface KubeconfigOptions {
  /** Path of a kubeconfig; default KUBECONFIG, then ~/.kube/config. */
  kubeconfig?: string;
  /** Context to use; default the kubeconfig's current context. */
  context?: string;
  /** How errors name the options: `--context` in the CLI, `context` for `connect()`. */
  labels?: { context?: string; kubeconfig?: string };
}

export async function loadConfig(options: KubeconfigOptions): Promise<KubeConfig> {
  const { KubeConfig } = await import('./_client-node.ts');
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (err) {
    throw new UsageError(
      `${options.labels?.kubeconfig ?? '--kubeconfig'}: cannot load "${options.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config'}" (${(err as Error).message.split('\n')[0]})`,
    );
  }
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      const known =
        kc
          .getContexts()
          .map((c) => c.name)
          .join(', ') || 'none';
      throw new UsageError(
        `${options.labels?.context ?? '--context'}: no context "${options.context}" in the kubeconfig; known: ${known}`,
      );
    }
    kc.setCurrentContext(options.context);
  }
  // client-node refuses plain http unless TLS checks are "skipped"; on loopback there is no TLS to skip.
  if (kc.clusters.some((c) => LOOPBACK.test(c.server) && !c.skipTLSVerify)) {
    kc.loadFromOptions({
      clusters: kc.clusters.map((c) => (LOOPBACK.test(c.server) ? { ...c, skipTLSVerify: true } : c)),
      users: kc.users,
      contexts: kc.contexts,
      currentContext: kc.currentContext,
    });
  }
  return kc;
}
