/**
 * The one adapter around @kubernetes/client-node 1.4. Procedures get it as a parameter, so tests and the
 * drill hand them a simulated cluster. Every object it returns is plain JSON, as the API server sends it.
 */

import type { KubeConfig, V1Job } from '@kubernetes/client-node';
import type { CriticalRoute } from '@runbook/core';
import { EXIT, RunbookError } from '@runbook/core';
import { sendDryRun } from './_dry-run.ts';
import { makeClients } from './_kube-clients.ts';
import { type KubeConnections, kubeConnections } from './_kube-connections.ts';
import { mapKubeError, proxyRefusal, unreachable } from './_kube-errors.ts';
import { type IncidentCalls, incidentCalls } from './_kube-incident.ts';
import { type RolloutCalls, rolloutCalls } from './_kube-rollout.ts';
import { type KubeconfigOptions, loadConfig } from './_kubeconfig.ts';
import { rawRequest } from './_raw-request.ts';
import { type ApiCall, patchServiceSelectorCall } from './kube-calls.ts';
import type { Deployment, Endpoints, Job, Json, Lease, Pod, ReplicaSet, Service } from './kube-types.ts';
import { leaseModel } from './lease-model.ts';
import { interrupted } from './time.ts';

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

// The models carry Date objects; the procedures, the journal and the captured state want the wire's JSON.
const plain = <T>(o: T): Json<T> => JSON.parse(JSON.stringify(o));

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
  const uids = new Map<string, string>();
  const remember = (o: unknown) => {
    const { kind, metadata } = (o ?? {}) as { kind?: string; metadata?: { name?: string; uid?: string } };
    if (kind && metadata?.name && metadata.uid) uids.set(`${kind}/${metadata.name}`, metadata.uid);
    return o;
  };

  async function call<T>(what: string, fn: () => Promise<T>): Promise<Json<T>> {
    if (signal?.aborted) throw interrupted(signal);
    let timer: NodeJS.Timeout | undefined;
    let onAbort = () => {};
    // Settles at once on a timeout or a signal, even if a layer under client-node ignored the abort.
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(unreachable(server, context, `no answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      onAbort = () => reject(interrupted(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return remember(plain(await Promise.race([fn(), stop]))) as Json<T>;
    } catch (err) {
      throw signal?.aborted ? interrupted(signal) : mapKubeError(err, what, where);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
  const orNull = async <T>(p: Promise<T>): Promise<T | null> =>
    p.catch((err: unknown) => {
      if (err instanceof RunbookError && err.code === 'E_NOT_FOUND') return null;
      throw err;
    });
  const list = async <T>(what: string, fn: () => Promise<{ items: T[] }>): Promise<Json<T>[]> =>
    (await call(what, fn)).items;

  async function getDeployment(name: string): Promise<Deployment> {
    return call(`GET deployments/${name}`, () => apps.readNamespacedDeployment({ name, namespace })).catch(
      (err) => {
        if (err instanceof RunbookError && err.code === 'E_NOT_FOUND') {
          throw new RunbookError(
            'E_NOT_FOUND',
            `deployment "${name}" not found in namespace ${namespace}`,
            EXIT.precondition,
            `kubectl get deployments -n ${namespace}`,
          );
        }
        throw err;
      },
    );
  }
  const listReplicaSets = (labelSelector?: string) =>
    list('GET replicasets', () => apps.listNamespacedReplicaSet({ namespace, labelSelector }));

  return {
    namespace,
    context,
    server,
    getDeployment,
    findDeployment: (name) => orNull(getDeployment(name)),
    listDeployments: (labelSelector) =>
      list('GET deployments', () => apps.listNamespacedDeployment({ namespace, labelSelector })),
    listReplicaSets,
    listPods: (labelSelector) => list('GET pods', () => core.listNamespacedPod({ namespace, labelSelector })),
    listServices: () => list('GET services', () => core.listNamespacedService({ namespace })),
    getService: (name) => call(`GET services/${name}`, () => core.readNamespacedService({ name, namespace })),
    getEndpoints: (name) =>
      orNull(call(`GET endpoints/${name}`, () => core.readNamespacedEndpoints({ name, namespace }))),
    listEndpoints: () => list('GET endpoints', () => core.listNamespacedEndpoints({ namespace })),
    patchServiceSelector(name, selector) {
      const c = patchServiceSelectorCall(namespace, name, selector);
      return call(`PATCH services/${name}`, () =>
        core.patchNamespacedService({ name, namespace, body: c.body }, withType(c.contentType!)),
      );
    },
    podLogs: async (pod, { container, tailLines }) =>
      String(
        (
          await call(`GET pods/${pod}/log`, async () => ({
            text: await core.readNamespacedPodLog({ name: pod, namespace, container, tailLines }),
          }))
        ).text ?? '',
      ),
    serviceProxy(service, path, opts = {}) {
      const clean = path.replace(/^\/+/, '');
      const url = `api/v1/namespaces/${namespace}/services/${service}/proxy/${clean}`;
      const method = opts.method ?? 'GET';
      const ms = opts.timeoutMs ?? timeoutMs;
      return rawRequest(kc, connections, method, url, opts.body, ms, signal)
        .then((res) => {
          const refused = proxyRefusal(res);
          if (refused) throw refused;
          return res;
        })
        .catch((err) => {
          throw signal?.aborted ? interrupted(signal) : mapKubeError(err, `${method} /${url}`, where);
        });
    },
    getLease: (name) =>
      orNull(call(`GET leases/${name}`, () => coordination.readNamespacedLease({ name, namespace }))),
    createLease: (lease) =>
      call('POST leases', () =>
        coordination.createNamespacedLease({ namespace, body: leaseModel(lease, k8s.V1MicroTime) }),
      ),
    replaceLease: (name, lease) =>
      call(`PUT leases/${name}`, () =>
        coordination.replaceNamespacedLease({ name, namespace, body: leaseModel(lease, k8s.V1MicroTime) }),
      ),
    deleteLease: async (name, preconditions) => {
      const body = preconditions ? { preconditions } : undefined;
      await call(`DELETE leases/${name}`, () =>
        coordination.deleteNamespacedLease({ name, namespace, body }),
      );
    },
    createJob: (job) => call('POST jobs', () => batch.createNamespacedJob({ namespace, body: job })),
    getJob: (name) => orNull(call(`GET jobs/${name}`, () => batch.readNamespacedJob({ name, namespace }))),
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
    knownUid: (kind, name) => uids.get(`${kind}/${name}`),
    dryRunCall: (c) => sendDryRun(kc, connections, c, timeoutMs, where, signal),
    ...rolloutCalls({ apps, namespace, call, getDeployment, listReplicaSets, withType }),
    ...incidentCalls({ core, namespace, call, orNull }),
  };
}
