/** Health and metrics of an app: the environment's public URL, or the API server's service proxy. */
import { type App, type CriticalRoute, RunbookError } from '@runbook/core';
import { type HealthResult, httpGet } from '../adapters/http.ts';
import type { ProcedureDeps } from './deps.ts';

export interface Fetched extends HealthResult {
  /** Where it was fetched from, for the output (never a secret). */
  via: string;
}

async function viaProxy(
  deps: Pick<ProcedureDeps, 'kube'>,
  app: App,
  path: string,
  method: CriticalRoute['method'] = 'GET',
): Promise<Fetched> {
  const started = Date.now();
  const via = `service proxy ${app.service}${path}`;
  try {
    const r = await deps.kube.serviceProxy(app.service, path, { method, timeoutMs: 5000 });
    const ok = r.status >= 200 && r.status < 300;
    return {
      ok,
      status: r.status,
      body: r.body,
      ms: Date.now() - started,
      via,
      ...(ok ? {} : { error: `HTTP ${r.status}` }),
    };
  } catch (err) {
    // The cluster refusing us is not the app failing: RBAC and credentials stop the run (exit 5) with their hint.
    if (err instanceof RunbookError && (err.code === 'E_FORBIDDEN' || err.code === 'E_UNAUTHORIZED'))
      throw err;
    return { ok: false, status: 0, body: '', ms: Date.now() - started, via, error: (err as Error).message };
  }
}

/** GET the app's health endpoint. */
export async function fetchHealth(deps: Pick<ProcedureDeps, 'kube' | 'env'>, app: App): Promise<Fetched> {
  const url = deps.env.healthUrls?.[app.id];
  if (url) return { ...(await httpGet(url)), via: url };
  return viaProxy(deps, app, app.healthPath);
}

/** GET the app's /metrics. */
export async function fetchMetrics(deps: Pick<ProcedureDeps, 'kube' | 'env'>, app: App): Promise<Fetched> {
  const url = deps.env.metricsUrls?.[app.id];
  if (url) return { ...(await httpGet(url)), via: url };
  return viaProxy(deps, app, '/metrics');
}

/** A request to any path of the app through its Service (the sim's critical-path check). */
export function requestThroughService(
  deps: Pick<ProcedureDeps, 'kube'>,
  app: App,
  path: string,
  method: CriticalRoute['method'],
): Promise<Fetched> {
  return viaProxy(deps, app, path, method);
}
