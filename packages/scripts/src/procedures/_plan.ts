/** `--dry-run` output: each step with its exact API call and the manual equivalent. */
import { type ApiCall, describeCall } from '../adapters/kube-calls.ts';
import type { ProcedureDeps } from './deps.ts';

/** A read-only request, described for the plan. */
export function readCall(path: string, kubectl: string): ApiCall {
  return { method: 'GET', path, kubectl };
}

/** Prints one planned step. */
export function planStep(
  deps: Pick<ProcedureDeps, 'out'>,
  step: string,
  note: string,
  calls: ApiCall[],
  destructive = false,
): void {
  deps.out(`• ${step}${destructive ? ' [destructive]' : ''}: ${note}`);
  for (const c of calls) for (const line of describeCall(c)) deps.out(`    ${line}`);
}

/**
 * Prints a planned change. With `--dry-run=server` each call is also sent with `dryRun=All`, so the API
 * server validates what would be done (a refusal stops here, exit 3) and changes nothing.
 */
export async function planWrite(
  deps: Pick<ProcedureDeps, 'out' | 'kube' | 'serverDryRun'>,
  step: string,
  note: string,
  calls: ApiCall[],
): Promise<void> {
  planStep(deps, step, note, calls, true);
  if (!deps.serverDryRun) return;
  for (const c of calls) {
    await deps.kube.dryRunCall(c);
    deps.out(`    server dry run: ${c.method} ${c.path} accepted (dryRun=All, nothing changed)`);
  }
}

/** The manual equivalent of a health request through the service proxy or a public URL. */
export function healthCall(ns: string, service: string, path: string, url: string | undefined): ApiCall {
  if (url) return { method: 'GET', path: url, kubectl: `curl -fsS ${url}` };
  const p = `/api/v1/namespaces/${ns}/services/${service}/proxy${path}`;
  return { method: 'GET', path: p, kubectl: `kubectl get --raw ${p}` };
}
