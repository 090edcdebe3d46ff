/**
 * Where `decide` measures: Prometheus when given or declared by the environment, else a /metrics URL scraped
 * twice, else on the sim the api service's /metrics through the API server's service proxy.
 */
import { type Environment, type Runbook, UsageError } from '@runbook/core';
import { httpGet } from '../adapters/http.ts';
import type { KubeAdapter } from '../adapters/kube.ts';
import { createPrometheusClient, redactUrl } from '../adapters/prometheus.ts';
import { type DecideSource, prometheusSource } from './decide.ts';
import { scrapeSource } from './scrape-source.ts';

export interface SourceOptions {
  /** Prometheus base URL; wins over everything else. */
  prometheus?: string;
  /** A /metrics URL to scrape twice instead of asking Prometheus. */
  metricsUrl?: string;
  /** Time between the two scrapes; default 5 s. */
  intervalMs?: number;
  /** Time one request may take; default 5 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface SourceTarget {
  runbook: Runbook;
  envName: string;
  env: Environment;
  /** Only called on the sim, for its service proxy. */
  kube: () => Promise<KubeAdapter> | KubeAdapter;
}

async function scrapeUrl(url: URL, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const res = await httpGet(url.toString(), { timeoutMs, signal });
  if (!res.ok) throw new Error(res.error ?? `HTTP ${res.status}`);
  return res.body;
}

function urlSource(url: string, options: SourceOptions, kind: 'prometheus' | 'scrape'): DecideSource {
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? 5_000;
  if (kind === 'prometheus') return prometheusSource(createPrometheusClient(url, { timeoutMs, signal }));
  const parsed = new URL(url);
  return scrapeSource({
    description: redactUrl(parsed),
    scrape: () => scrapeUrl(parsed, timeoutMs, signal),
    intervalMs: options.intervalMs ?? 5_000,
    signal,
  });
}

/** The source the options name (`prometheus`, else `metricsUrl`), or null when they name none. */
export function explicitSource(options: SourceOptions): DecideSource | null {
  if (options.prometheus) return urlSource(options.prometheus, options, 'prometheus');
  if (options.metricsUrl) return urlSource(options.metricsUrl, options, 'scrape');
  return null;
}

/** The measurement source for these options, else the one this environment declares. */
export async function decideSource(target: SourceTarget, options: SourceOptions = {}): Promise<DecideSource> {
  const explicit = explicitSource(options);
  if (explicit) return explicit;
  const { runbook, env, envName } = target;
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const intervalMs = options.intervalMs ?? 5_000;
  if (env.prometheusUrl) return urlSource(env.prometheusUrl, options, 'prometheus');
  const api = runbook.meta.apps.find((a) => a.id === 'api') ?? runbook.meta.apps[0]!;
  const metricsUrl = env.metricsUrls?.[api.id];
  if (metricsUrl) return urlSource(metricsUrl, options, 'scrape');
  if (!env.simulated) {
    throw new UsageError(
      `environment "${envName}" has no prometheusUrl nor metricsUrls: pass --prometheus or --metrics-url`,
    );
  }
  const kube = await target.kube();
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
