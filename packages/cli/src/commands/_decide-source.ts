/** Flags shared by `decide` and `watch`, and the measurement source they choose. */
import { type Runbook, UsageError } from '@runbook/core';
import type { DecideSource } from '@runbook/scripts';
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
  const options = {
    prometheus: flags.prometheus,
    metricsUrl: flags['metrics-url'],
    timeoutMs: durationFlag(flags, 'timeout', 5_000),
    intervalMs: durationFlag(flags, 'interval', 5_000),
    signal,
  };
  const { connect, decideSource, explicitSource } = await import('@runbook/scripts');
  const explicit = explicitSource(options);
  if (explicit) return explicit;
  // Only the environment knows where to measure: connect without a journal to learn it (and, on the sim,
  // to reach the service proxy).
  const conn = await connect({
    runbook,
    env: flags.env,
    context: flags.context,
    kubeconfig: flags.kubeconfig,
    signal,
    dryRun: true,
    escalation: false,
    flagNames: true,
    log: () => {},
  });
  await conn.close();
  return decideSource({ ...conn, kube: () => conn.kube }, options);
}
