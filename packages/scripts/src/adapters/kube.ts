/**
 * The one adapter around @kubernetes/client-node 1.4. Procedures get it as a parameter, so tests and the
 * drill hand them a simulated cluster. Every object it returns is plain JSON, as the API server sends it.
 */

import type { KubeConfig, V1Job } from '@kubernetes/client-node';
import type { CriticalRoute } from '@runbook/core';
import { sendDryRun } from './_dry-run.ts';
import { kubeCallTools } from './_kube-call.ts';
import { makeClients } from './_kube-clients.ts';
import { type KubeConnections, kubeConnections } from './_kube-connections.ts';
import { unreachable } from './_kube-errors.ts';
import { type IncidentCalls, incidentCalls } from './_kube-incident.ts';
import { leaseCalls } from './_kube-leases.ts';
import { type RolloutCalls, rolloutCalls } from './_kube-rollout.ts';
import { serviceCalls } from './_kube-services.ts';
import { workloadCalls } from './_kube-workloads.ts';
import { type KubeconfigOptions, loadConfig } from './_kubeconfig.ts';
import type { ApiCall } from './kube-calls.ts';
import type { Deployment, Endpoints, Job, Lease, Pod, ReplicaSet, Service } from './kube-types.ts';

export interface KubeAdapterOptions extends KubeconfigOptions {
  /** Namespace every call targets; default the context's namespace, then `default`. */
  namespace?: string;
  /** Time one API request may take before the server counts as unreachable; default 10 s. */
  requestTimeoutMs?: number;
  /** The run's signal: aborting it aborts the requests in flight, which then fail with E_INTERRUPTED (130). */
  signal?: AbortSignal;
}

export interface ProxyResponse {
  status: number;
  contentType: string;
  body: string;
}

/** What the procedures need of a cluster; see createKubeAdapter. */
export interface KubeAdapter extends IncidentCalls, RolloutCalls {
  readonly namespace: string;
  /** Context name in use, or null when the kubeconfig has none. */
  readonly context: string | null;
  /** API server URL. */
  readonly server: string;
  /** A Deployment; a missing one is E_NOT_FOUND (exit 3). */
  getDeployment(name: string): Promise<Deployment>;
  /** A Deployment, or null when it does not exist. */
  findDeployment(name: string): Promise<Deployment | null>;
  listDeployments(labelSelector?: string): Promise<Deployment[]>;
  listReplicaSets(labelSelector?: string): Promise<ReplicaSet[]>;
  listPods(labelSelector?: string): Promise<Pod[]>;
  listServices(): Promise<Service[]>;
  getService(name: string): Promise<Service>;
  /** The Endpoints of a Service, or null. */
  getEndpoints(name: string): Promise<Endpoints | null>;
  listEndpoints(): Promise<Endpoints[]>;
  /** Merge patch of `spec.selector`; `null` removes a key. */
  patchServiceSelector(name: string, selector: Record<string, string | null>): Promise<Service>;
  /** The last `tailLines` lines of a pod's log. */
  podLogs(pod: string, options: { container?: string; tailLines: number }): Promise<string>;
  /** A request through the API server's service proxy: `/api/v1/namespaces/{ns}/services/{name}/proxy/{path}`. */
  serviceProxy(
    service: string,
    path: string,
    options?: { method?: CriticalRoute['method']; timeoutMs?: number; body?: string },
  ): Promise<ProxyResponse>;
  getLease(name: string): Promise<Lease | null>;
  createLease(lease: Lease): Promise<Lease>;
  /** Replaces a Lease; the object's resourceVersion makes it fail with 409 if someone changed it meanwhile. */
  replaceLease(name: string, lease: Lease): Promise<Lease>;
  /** Deletes a Lease; with preconditions, only if its uid and resourceVersion still match (else E_CONFLICT). */
  deleteLease(name: string, preconditions?: { uid?: string; resourceVersion?: string }): Promise<void>;
  createJob(job: V1Job): Promise<Job>;
  getJob(name: string): Promise<Job | null>;
  /**
   * The same cluster without the run's signal, every call of it bounded by one deadline from now: cleanup
   * after an interrupt (releasing the lock, reading what was left) must still reach the API, but not hang.
   * Past the deadline its calls fail with E_UNREACHABLE.
   */
  forCleanup(deadlineMs: number): KubeAdapter;
  /**
   * The uid of an object (`Service`, `Lease`…) an answer of this adapter carried, without a request: an
   * incident's events name the objects the run has just read or written.
   */
  knownUid(kind: string, name: string): string | undefined;
  /** Sends a write exactly as planned, with `dryRun=All`: the server validates it and changes nothing. */
  dryRunCall(call: ApiCall): Promise<unknown>;
}

/** How long cleanup after an interrupt may wait on the API before the tool exits anyway. */
export const CLEANUP_DEADLINE_MS = 3000;

/** Builds the adapter from --kubeconfig/KUBECONFIG, --context and the namespace. */
export async function createKubeAdapter(options: KubeAdapterOptions = {}): Promise<KubeAdapter> {
  const k8s = await import('./_client-node.ts');
  const kc = await loadConfig(options);
  return buildAdapter(k8s, kc, options, kubeConnections());
}

function buildAdapter(
  k8s: typeof import('./_client-node.ts'),
  kc: KubeConfig,
  options: KubeAdapterOptions,
  connections: KubeConnections,
): KubeAdapter {
  const context = kc.getCurrentContext() || null;
  const server = kc.getCurrentCluster()?.server ?? 'http://localhost:8080';
  const namespace = options.namespace ?? kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const { signal } = options;
  const { core, apps, coordination, batch } = makeClients(k8s, kc, connections, { signal, timeoutMs });
  const where = { server, context, namespace };
  const withType = (type: string) => k8s.setHeaderOptions('Content-Type', type);
  const { call, orNull, list, knownUid } = kubeCallTools(where, timeoutMs, signal);
  const workloads = workloadCalls({ apps, core, batch, namespace, call, orNull, list });
  const { getDeployment, listReplicaSets } = workloads;

  return {
    namespace,
    context,
    server,
    ...workloads,
    ...serviceCalls(
      { core, namespace, call, orNull, list, withType },
      { kc, connections, where, timeoutMs, signal },
    ),
    ...leaseCalls({ coordination, V1MicroTime: k8s.V1MicroTime, namespace, call, orNull }),
    forCleanup(deadlineMs) {
      const deadline = new AbortController();
      const why = `no answer within ${deadlineMs / 1000} s, the deadline for cleaning up`;
      setTimeout(() => deadline.abort(unreachable(server, context, why)), deadlineMs).unref();
      return buildAdapter(
        k8s,
        kc,
        { ...options, signal: deadline.signal, requestTimeoutMs: deadlineMs },
        connections,
      );
    },
    knownUid,
    dryRunCall: (c) => sendDryRun(kc, connections, c, timeoutMs, where, signal),
    ...rolloutCalls({ apps, namespace, call, getDeployment, listReplicaSets, withType }),
    ...incidentCalls({ core, namespace, call, orNull }),
  };
}
