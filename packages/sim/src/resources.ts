/** The resource types the sim serves, as discovery describes them. */
import { fromEventsV1, toEventsV1 } from './events-v1.ts';
import type { KObject } from './types.ts';

export interface ResourceType {
  group: string;
  version: string;
  /** Plural, lower case: the URL segment. */
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Subresources served (`status`, `scale`, `log`, `proxy`). */
  subresources?: string[];
  /** Spec changes bump metadata.generation. */
  generation?: boolean;
  /**
   * A second API version of another resource: its objects are stored as `as`'s and converted on the way in
   * and out, as events.k8s.io/v1 Events are core/v1 Events in etcd. Both read and write the same objects.
   */
  stored?: { as: ResourceType; read: (o: KObject) => KObject; write: (o: KObject) => KObject };
}

const core = (r: Omit<ResourceType, 'group' | 'version'>): ResourceType => ({
  group: '',
  version: 'v1',
  ...r,
});

const coreEvents = core({
  name: 'events',
  singularName: 'event',
  kind: 'Event',
  namespaced: true,
  shortNames: ['ev'],
});

export const RESOURCES: ResourceType[] = [
  core({
    name: 'namespaces',
    singularName: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
  }),
  core({ name: 'nodes', singularName: 'node', kind: 'Node', namespaced: false, shortNames: ['no'] }),
  core({
    name: 'pods',
    singularName: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'log'],
  }),
  core({
    name: 'services',
    singularName: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status', 'proxy'],
  }),
  core({
    name: 'endpoints',
    singularName: 'endpoints',
    kind: 'Endpoints',
    namespaced: true,
    shortNames: ['ep'],
  }),
  coreEvents,
  core({
    name: 'configmaps',
    singularName: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
  }),
  core({ name: 'secrets', singularName: 'secret', kind: 'Secret', namespaced: true }),
  core({
    name: 'serviceaccounts',
    singularName: 'serviceaccount',
    kind: 'ServiceAccount',
    namespaced: true,
    shortNames: ['sa'],
  }),
  {
    group: 'apps',
    version: 'v1',
    name: 'deployments',
    singularName: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
  },
  {
    group: 'apps',
    version: 'v1',
    name: 'replicasets',
    singularName: 'replicaset',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
  },
  {
    group: 'batch',
    version: 'v1',
    name: 'jobs',
    singularName: 'job',
    kind: 'Job',
    namespaced: true,
    categories: ['all'],
    subresources: ['status'],
    generation: true,
  },
  {
    group: 'coordination.k8s.io',
    version: 'v1',
    name: 'leases',
    singularName: 'lease',
    kind: 'Lease',
    namespaced: true,
  },
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    name: 'endpointslices',
    singularName: 'endpointslice',
    kind: 'EndpointSlice',
    namespaced: true,
  },
  {
    group: 'autoscaling',
    version: 'v1',
    name: 'horizontalpodautoscalers',
    singularName: 'horizontalpodautoscaler',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
    categories: ['all'],
    subresources: ['status'],
  },
  // RBAC (rbac.ts enforces it when the sim runs with `rbac`).
  ...(['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] as const).map(
    (name): ResourceType => ({
      group: 'rbac.authorization.k8s.io',
      version: 'v1',
      name,
      singularName: name.slice(0, -1),
      kind: {
        roles: 'Role',
        rolebindings: 'RoleBinding',
        clusterroles: 'ClusterRole',
        clusterrolebindings: 'ClusterRoleBinding',
      }[name],
      namespaced: !name.startsWith('cluster'),
    }),
  ),
  {
    group: 'events.k8s.io',
    version: 'v1',
    name: 'events',
    singularName: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    stored: { as: coreEvents, read: toEventsV1, write: fromEventsV1 },
  },
];

export const GROUP_VERSIONS: Array<{ group: string; version: string }> = [
  { group: 'apps', version: 'v1' },
  { group: 'batch', version: 'v1' },
  { group: 'coordination.k8s.io', version: 'v1' },
  { group: 'discovery.k8s.io', version: 'v1' },
  { group: 'autoscaling', version: 'v1' },
  { group: 'rbac.authorization.k8s.io', version: 'v1' },
  { group: 'events.k8s.io', version: 'v1' },
];

export const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The resource whose objects r's are: itself, or the one it is a second API version of. */
export const storedAs = (r: ResourceType): ResourceType => r.stored?.as ?? r;

/** An object as resource r serves it (converted when r is another version of the stored resource). */
export const served = (r: ResourceType, o: KObject): KObject => (r.stored ? r.stored.read(o) : o);

export function apiVersionOf(r: ResourceType): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployments.apps`, `services`: how the API server names a resource in messages. */
export function qualifiedName(r: ResourceType): string {
  return r.group ? `${r.name}.${r.group}` : r.name;
}

export function findResource(group: string, version: string, name: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.name === name);
}

/** Resolves a plural, singular, short name or Kind (`deploy`, `Deployment`, `deployments`). */
export function resolveResource(nameOrKind: string): ResourceType {
  const lower = nameOrKind.toLowerCase();
  const found = RESOURCES.find(
    (r) =>
      r.name === lower ||
      r.singularName === lower ||
      r.kind.toLowerCase() === lower ||
      r.shortNames?.includes(lower) ||
      qualifiedName(r) === lower,
  );
  if (!found) throw new Error(`unknown resource type "${nameOrKind}"`);
  return found;
}
