/** `rollback blue-green --dry-run`: each step of the switch, its exact API call and its kubectl equivalent. */
import { formatMs } from '@runbook/core';
import { patchServiceSelectorCall } from '../adapters/kube-calls.ts';
import type { Apps, Colour, Selectors } from './_blue-green-steps.ts';
import { targetOf } from './_blue-green-steps.ts';
import { healthCall, planStep, planWrite, readCall } from './_plan.ts';
import type { ProcedureDeps } from './deps.ts';

export async function planBlueGreen(
  deps: ProcedureDeps,
  apps: Apps,
  to: Colour,
  before: Selectors,
  deadlineMs: number,
): Promise<void> {
  const { kube } = deps;
  const ns = kube.namespace;
  const target = targetOf(to);
  deps.out(
    `dry-run: rollback blue-green --to ${to} in namespace ${ns} (context ${kube.context ?? '?'}): nothing will change`,
  );
  planStep(
    deps,
    'check-target-ready',
    `${apps.map(target).join(', ')} all Ready (checked: yes)`,
    apps.map((a) =>
      readCall(
        `/apis/apps/v1/namespaces/${ns}/deployments/${target(a)}`,
        `kubectl rollout status deployment/${target(a)} -n ${ns} --timeout=10s`,
      ),
    ),
  );
  planStep(
    deps,
    'record-selectors',
    JSON.stringify(before),
    apps.map((a) =>
      readCall(
        `/api/v1/namespaces/${ns}/services/${a.service}`,
        `kubectl get service ${a.service} -n ${ns} -o jsonpath='{.spec.selector}'`,
      ),
    ),
  );
  await planWrite(
    deps,
    'switch-traffic',
    apps.length === 1
      ? `service ${apps[0]!.service} patched`
      : `${apps.length} services patched concurrently; if one fails the others are restored`,
    apps.map((a) => patchServiceSelectorCall(ns, a.service, { [a.colorLabel]: to })),
  );
  planStep(
    deps,
    'wait-endpoints',
    `poll until endpoints hold only ${to} pods (deadline ${formatMs(deadlineMs)})`,
    apps.map((a) =>
      readCall(
        `/api/v1/namespaces/${ns}/endpoints/${a.service}`,
        `kubectl get endpoints ${a.service} -n ${ns}`,
      ),
    ),
  );
  planStep(
    deps,
    'check-health',
    'poll until health answers 2xx',
    apps.map((a) => healthCall(ns, a.service, a.healthPath, deps.env.healthUrls?.[a.id])),
  );
}
