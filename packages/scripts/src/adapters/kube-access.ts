/**
 * The RBAC access each kube adapter method needs, kept beside the adapter: the table's type requires an entry
 * for every method of KubeAdapter (a new method without one fails typecheck), and `runbook rbac` derives the
 * least-privilege Role from it. A test records the requests every procedure sends to an RBAC sim and fails
 * when one is not covered here.
 */
import type { CriticalRoute } from '@runbook/core';
import type { KubeAdapter } from './kube.ts';

/** The verbs upstream's request info derives from a request (requestinfo.go). */
export type KubeVerb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection';

/** One permission: a verb on a resource (`deployments`, or a subresource as `deployments/scale`) of a group. */
export interface KubeAccess {
  verb: KubeVerb;
  /** API group; `''` is the core group. */
  group: string;
  resource: string;
}

/** The methods of the adapter (its data properties, namespace/context/server, need no access). */
export type KubeMethod = {
  [K in keyof KubeAdapter]-?: KubeAdapter[K] extends (...args: never[]) => unknown ? K : never;
}[keyof KubeAdapter];

const core = (verb: KubeVerb, resource: string): KubeAccess => ({ verb, group: '', resource });
const apps = (verb: KubeVerb, resource: string): KubeAccess => ({ verb, group: 'apps', resource });
const leases = (verb: KubeVerb): KubeAccess => ({ verb, group: 'coordination.k8s.io', resource: 'leases' });
const jobs = (verb: KubeVerb): KubeAccess => ({ verb, group: 'batch', resource: 'jobs' });

/** The verb a service-proxy request of each method needs on `services/proxy`. */
export const PROXY_VERBS = {
  GET: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
} as const satisfies Record<CriticalRoute['method'], KubeVerb>;

export const proxyAccess = (method: CriticalRoute['method']): KubeAccess =>
  core(PROXY_VERBS[method], 'services/proxy');

const readDeployment = apps('get', 'deployments');
const undo = [readDeployment, apps('list', 'replicasets')];
// What the writes' `--dry-run=server` sends: the very patches of kube-calls.ts.
const plannedWrites = [
  core('patch', 'services'),
  apps('patch', 'deployments'),
  apps('patch', 'deployments/scale'),
];

/**
 * Per adapter method, the requests its implementation in kube.ts sends. serviceProxy lists its GET (health,
 * metrics); the critical-path routes add the verb of their method (proxyAccess).
 */
export const KUBE_ACCESS = {
  getDeployment: [readDeployment],
  findDeployment: [readDeployment],
  listDeployments: [apps('list', 'deployments')],
  listReplicaSets: [apps('list', 'replicasets')],
  listPods: [core('list', 'pods')],
  listServices: [core('list', 'services')],
  getService: [core('get', 'services')],
  getEndpoints: [core('get', 'endpoints')],
  listEndpoints: [core('list', 'endpoints')],
  patchServiceSelector: [core('patch', 'services')],
  planRolloutUndo: undo,
  rolloutUndo: [...undo, apps('patch', 'deployments')],
  planSetImage: [readDeployment],
  setImage: [readDeployment, apps('patch', 'deployments')],
  scale: [apps('patch', 'deployments/scale')],
  waitForRollout: [readDeployment],
  podLogs: [core('get', 'pods/log')],
  serviceProxy: [proxyAccess('GET')],
  getLease: [leases('get')],
  createLease: [leases('create')],
  replaceLease: [leases('update')],
  deleteLease: [leases('delete')],
  createJob: [jobs('create')],
  getJob: [jobs('get')],
  forCleanup: [],
  knownUid: [],
  dryRunCall: plannedWrites,
  createEvent: [core('create', 'events')],
  getConfigMap: [core('get', 'configmaps')],
  listConfigMaps: [core('list', 'configmaps')],
  createConfigMap: [core('create', 'configmaps')],
  replaceConfigMap: [core('update', 'configmaps')],
} as const satisfies Record<KubeMethod, readonly KubeAccess[]>;
