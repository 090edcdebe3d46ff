/** Flags shared by `decide` and `watch`, and the measurement source they choose. */
import { type Runbook, UsageError } from '@runbook/core';
import { createPrometheusClient, redactUrl } from '../../adapters/prometheus.ts';
import type { DecideSource } from '../../procedures/decide.ts';
import { defineFlags, type ParsedFlags } from '../define.ts';
import { durationFlag } from './_common.ts';

export const SOURCE_FLAGS = defineFlags({
  prometheus: {
    type: 'string',
    hint: 'URL',
    description: 'Prometheus base URL (default: the environment prometheusUrl)',
  },
  'metrics-url': {
    type: 'string',
    hint: 'URL',
    description: 'Scrape this /metrics twice instead of asking Prometheus',
  },
  interval: {
    type: 'string',
    hint: 'DURATION',
    description: 'Time between the two scrapes of --metrics-url (default 5s)',
  },
  timeout: {
    type: 'string',
    hint: 'DURATION',
    description: 'Time one Prometheus request may take (default 5s)',
  },
  env: {
    type: 'string',
    hint: 'NAME',
    description:
      'runbook environment: production|sim… (default: sim if the context is "sim", else production)',
  },
  context: {
    type: 'string',
    hint: 'NAME',
    description: 'kube context, for the service proxy of the sim (default: current context)',
  },
  kubeconfig: {
    type: 'string',
    hint: 'PATH',
    description: 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config)',
  },
  'incidents-dir': {
    type: 'string',
    hint: 'DIR',
    description: 'Where incident journals are (default ./incidents)',
  },
  incident: {
    type: 'string',
    hint: 'ID',
    description: 'Incident whose journal holds declarations (and receives --declare)',
  },
});
type SourceFlags = ParsedFlags<typeof SOURCE_FLAGS>;

function checkUrl(flag: string, text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {}
  throw new UsageError(`--${flag}: expected an http(s) URL, got "${text}"`);
}

/** Reads the flags only: a bad URL or duration is a usage error before anything is contacted. */
export function validateSourceFlags(flags: SourceFlags): void {
  if (flags.prometheus && flags['metrics-url'])
    throw new UsageError('--prometheus and --metrics-url: give one or the other');
  if (flags.prometheus) checkUrl('prometheus', flags.prometheus);
  if (flags['metrics-url']) checkUrl('metrics-url', flags['metrics-url']);
  durationFlag(flags, 'interval', 5_000);
  durationFlag(flags, 'timeout', 5_000);
}

async function scrapeUrl(url: URL, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const { httpGet } = await import('../../adapters/http.ts');
  const res = await httpGet(url.toString(), { timeoutMs, signal });
  if (!res.ok) throw new Error(res.error ?? `HTTP ${res.status}`);
  return res.body;
}

/**
 * `--prometheus`, else `--metrics-url`, else the environment: its prometheusUrl, its api metrics URL, or on
 * the sim the api service's /metrics through the API server's service proxy.
 */
export async function sourceFromFlags(
  runbook: Runbook,
  flags: SourceFlags,
  signal?: AbortSignal,
): Promise<DecideSource> {
  validateSourceFlags(flags);
  const { prometheusSource } = await import('../../procedures/decide.ts');
  const timeoutMs = durationFlag(flags, 'timeout', 5_000);
  const intervalMs = durationFlag(flags, 'interval', 5_000);
  const { scrapeSource } = await import('../../procedures/_scrape-source.ts');
  const scrapeOf = (url: URL) =>
    scrapeSource({
      description: redactUrl(url),
      scrape: () => scrapeUrl(url, timeoutMs, signal),
      intervalMs,
      signal,
    });
  if (flags.prometheus)
    return prometheusSource(createPrometheusClient(flags.prometheus, { timeoutMs, signal }));
  if (flags['metrics-url']) return scrapeOf(new URL(flags['metrics-url']));

  const { resolveEnvironment } = await import('../../runtime.ts');
  const envFlag = flags.env;
  const envs = runbook.meta.environments as Record<string, { kubeContext: string | null }>;
  if (envFlag && !envs[envFlag]) resolveEnvironment(runbook, envFlag, null);
  const { createKubeAdapter } = await import('../../adapters/kube.ts');
  const kube = await createKubeAdapter({
    kubeconfig: flags.kubeconfig,
    context: flags.context ?? (envFlag ? (envs[envFlag]?.kubeContext ?? undefined) : undefined),
    namespace: runbook.meta.namespace,
    signal,
  });
  const { name, env } = resolveEnvironment(runbook, envFlag, kube.context);
  if (env.prometheusUrl)
    return prometheusSource(createPrometheusClient(env.prometheusUrl, { timeoutMs, signal }));
  const api = runbook.meta.apps.find((a) => a.id === 'api') ?? runbook.meta.apps[0]!;
  const metricsUrl = env.metricsUrls?.[api.id];
  if (metricsUrl) return scrapeOf(new URL(metricsUrl));
  if (!env.simulated) {
    throw new UsageError(
      `environment "${name}" has no prometheusUrl nor metricsUrls: pass --prometheus or --metrics-url`,
    );
  }
  return scrapeSource({
    description: `service proxy ${api.service}/metrics`,
    intervalMs,
    signal,
    scrape: async () => {
      const res = await kube.serviceProxy(api.service, '/metrics', { timeoutMs });
      if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
      return res.body;
    },
  });
}
