/** The ClusterRoles and bindings an RBAC sim starts with: upstream's bootstrap policy, trimmed to what the sim serves. */
import { findResource } from './resources.ts';
import type { Store } from './store.ts';
import type { KObject } from './types.ts';

const RBAC = 'rbac.authorization.k8s.io';
const API_VERSION = `${RBAC}/v1`;

const clusterRole = (name: string, rules: object[]): KObject => ({
  apiVersion: API_VERSION,
  kind: 'ClusterRole',
  metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
  rules,
});

const bindGroup = (role: string, group: string): KObject => ({
  apiVersion: API_VERSION,
  kind: 'ClusterRoleBinding',
  metadata: { name: role, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
  roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
  subjects: [{ apiGroup: RBAC, kind: 'Group', name: group }],
});

const ROLES: KObject[] = [
  clusterRole('cluster-admin', [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ]),
  // Discovery, /version and the health probes: what every authenticated user may read.
  clusterRole('system:discovery', [
    {
      nonResourceURLs: [
        '/api',
        '/api/*',
        '/apis',
        '/apis/*',
        '/healthz',
        '/livez',
        '/openapi',
        '/openapi/*',
        '/readyz',
        '/version',
        '/version/',
      ],
      verbs: ['get'],
    },
  ]),
  // What `kubectl auth can-i` and `kubectl auth whoami` need.
  clusterRole('system:basic-user', [
    {
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      verbs: ['create'],
    },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ]),
];

const BINDINGS: KObject[] = [
  bindGroup('cluster-admin', 'system:masters'),
  bindGroup('system:discovery', 'system:authenticated'),
  bindGroup('system:basic-user', 'system:authenticated'),
];

export function seedRbacDefaults(store: Store): void {
  for (const role of ROLES) store.create(findResource(RBAC, 'v1', 'clusterroles')!, role);
  for (const b of BINDINGS) store.create(findResource(RBAC, 'v1', 'clusterrolebindings')!, b);
}
