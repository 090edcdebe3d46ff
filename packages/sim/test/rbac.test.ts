/** RBAC in the sim (issue 15): tokens per kubeconfig user, Roles and bindings enforced, kubectl auth can-i/whoami. */
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimCluster } from '../src/index.ts';
import { TEST_NAMESPACE as NS } from './_world.ts';
import { fastCluster, kubectl, kubectlOk } from './helpers.ts';

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

const USER = 'deployer';
const as = (user: string) => ['--context', user];

/** A Role allowing `get`/`list` deployments and `patch` of one of them, bound to `deployer`. */
const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deploy-patcher, namespace: ${NS}}
rules:
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get, list]
- apiGroups: [apps]
  resources: [deployments]
  resourceNames: [marketplace-api]
  verbs: [patch]
- apiGroups: [apps]
  resources: [deployments/scale]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deploy-patcher, namespace: ${NS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deploy-patcher}
subjects:
- {kind: User, name: ${USER}, apiGroup: rbac.authorization.k8s.io}
`;

async function rbacSim(): Promise<SimCluster> {
  const s = await fastCluster({ rbac: { users: [USER] } });
  const file = join(await mkdtemp(join(tmpdir(), 'sim-rbac-')), 'role.yaml');
  writeFileSync(file, ROLE);
  await kubectlOk(s, ['apply', '-f', file]);
  return s;
}

describe('RBAC sim', () => {
  it('the admin context can do anything; a user gets only what its Role grants, with the real 403', async () => {
    sim = await rbacSim();
    await kubectlOk(sim, ['get', 'deployments', '-n', NS]);
    await kubectlOk(sim, [...as(USER), 'get', 'deployments', '-n', NS]);
    const denied = await kubectl(sim, [...as(USER), 'get', 'pods', '-n', NS]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toBe(
      `Error from server (Forbidden): pods is forbidden: User "deployer" cannot list resource "pods" in API group "" in the namespace "${NS}"\n`,
    );
    const patch = [
      'patch',
      'deployment',
      '-n',
      NS,
      '--type',
      'merge',
      '-p',
      '{"metadata":{"labels":{"x":"y"}}}',
    ];
    await kubectlOk(sim, [...as(USER), ...patch, 'marketplace-api']);
    const other = await kubectl(sim, [...as(USER), ...patch, 'marketplace-web']);
    expect(other.stderr).toBe(
      `Error from server (Forbidden): deployments.apps "marketplace-web" is forbidden: User "deployer" cannot patch resource "deployments" in API group "apps" in the namespace "${NS}"\n`,
    );
    const scale = await kubectl(sim, [
      ...as(USER),
      'scale',
      'deployment',
      'marketplace-api',
      '-n',
      NS,
      '--replicas=1',
    ]);
    expect(scale.stderr).toContain(
      `cannot patch resource "deployments/scale" in API group "apps" in the namespace "${NS}"`,
    );
    const cluster = await kubectl(sim, [...as(USER), 'get', 'namespaces']);
    expect(cluster.stderr).toContain(
      'cannot list resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it('a 403 carries the Status body upstream sends: reason Forbidden, details of the resource', async () => {
    sim = await rbacSim();
    const user = (await readKubeconfigToken(sim, USER))!;
    const res = await call(sim, `/apis/apps/v1/namespaces/${NS}/deployments/marketplace-web`, {
      method: 'DELETE',
      token: user,
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `deployments.apps "marketplace-web" is forbidden: User "deployer" cannot delete resource "deployments" in API group "apps" in the namespace "${NS}"`,
      reason: 'Forbidden',
      details: { name: 'marketplace-web', group: 'apps', kind: 'deployments' },
      code: 403,
    });
  });

  it('no token or an unknown one is 401; discovery and /version are open to any authenticated user', async () => {
    sim = await rbacSim();
    for (const token of [undefined, 'nope']) {
      const res = await call(sim, `/api/v1/namespaces/${NS}/pods`, { token });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ reason: 'Unauthorized', message: 'Unauthorized', code: 401 });
    }
    const token = await readKubeconfigToken(sim, USER);
    for (const path of ['/version', '/api', '/apis', '/apis/apps/v1', '/api/v1']) {
      const res = await call(sim, path, { token });
      expect(res.status, path).toBe(200);
    }
    const r = await kubectl(sim, [...as(USER), 'api-resources']);
    expect(r.stdout).toMatch(/^roles +rbac\.authorization\.k8s\.io\/v1 +true +Role$/m);
  });

  it('kubectl auth can-i answers from the Roles: verbs, subresources, resource names; --list lists the rules', async () => {
    sim = await rbacSim();
    const can = async (...args: string[]) =>
      (await kubectl(sim!, [...as(USER), 'auth', 'can-i', ...args, '-n', NS])).stdout.trim();
    expect(await can('list', 'deployments')).toBe('yes');
    expect(await can('patch', 'deployments')).toBe('no');
    expect(await can('patch', 'deployments/marketplace-api')).toBe('yes');
    expect(await can('get', 'deployments', '--subresource', 'scale')).toBe('yes');
    expect(await can('patch', 'deployments', '--subresource', 'scale')).toBe('no');
    expect(await can('delete', 'pods')).toBe('no');
    const admin = await kubectl(sim, ['auth', 'can-i', '*', '*', '--all-namespaces']);
    expect(admin.stdout.trim()).toBe('yes');
    const list = await kubectlOk(sim, [...as(USER), 'auth', 'can-i', '--list', '-n', NS]);
    expect(list).toMatch(/^deployments\.apps +\[\] +\[marketplace-api\] +\[patch\]$/m);
    expect(list).toMatch(/^deployments\.apps\/scale +\[\] +\[\] +\[get\]$/m);
    expect(list).toMatch(/^ +\[\/version\] +\[\] +\[get\]$/m);
  });

  it('kubectl auth whoami names the user and its groups; cluster.addUser adds a context', async () => {
    sim = await rbacSim();
    expect(await kubectlOk(sim, [...as(USER), 'auth', 'whoami'])).toMatch(
      /^Username +deployer\n(UID .*\n)?Groups +\[system:authenticated\]$/m,
    );
    const sa = `system:serviceaccount:${NS}:runbook`;
    await sim.addUser(sa);
    const who = await kubectlOk(sim, [...as(sa), 'auth', 'whoami', '-o', 'json']);
    expect(JSON.parse(who).status.userInfo).toMatchObject({
      username: sa,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${NS}`, 'system:authenticated'],
    });
    const admin = await kubectlOk(sim, ['auth', 'whoami']);
    expect(admin).toMatch(/^Groups +\[system:masters system:authenticated\]$/m);
  });

  it('a RoleBinding of a ClusterRole to a ServiceAccount grants it in that namespace only', async () => {
    sim = await fastCluster({ rbac: true });
    const sa = `system:serviceaccount:${NS}:reader`;
    await sim.addUser(sa);
    const file = join(await mkdtemp(join(tmpdir(), 'sim-rbac-')), 'reader.yaml');
    writeFileSync(
      file,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: ${NS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
subjects: [{kind: ServiceAccount, name: reader, namespace: ${NS}}]
`,
    );
    await kubectlOk(sim, ['apply', '-f', file]);
    await kubectlOk(sim, [...as(sa), 'get', 'pods', '-n', NS]);
    const elsewhere = await kubectl(sim, [...as(sa), 'get', 'pods', '-n', 'default']);
    expect(elsewhere.stderr).toContain(
      `User "${sa}" cannot list resource "pods" in API group "" in the namespace "default"`,
    );
    const can = await kubectl(sim, [...as(sa), 'auth', 'can-i', 'list', 'pods', '-n', NS]);
    expect(can.stdout).toBe('yes\n');
  });

  it('without rbac the sim serves every request, with no credentials', async () => {
    sim = await fastCluster();
    const res = await fetch(`${sim.server}/api/v1/namespaces/${NS}/pods`);
    expect(res.status).toBe(200);
  });
});

/** One HTTPS request to the sim, trusting its certificate; the body parsed as JSON. */
function call(
  s: SimCluster,
  path: string,
  options: { method?: string; token?: string } = {},
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const headers = options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` };
    const req = request(
      `${s.server}${path}`,
      { method: options.method ?? 'GET', headers, ca: s.ca },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function readKubeconfigToken(s: SimCluster, user: string): Promise<string | undefined> {
  const { readFile } = await import('node:fs/promises');
  const { parse } = await import('yaml');
  const kc = parse(await readFile(s.kubeconfig, 'utf8'));
  return kc.users.find((u: { name: string }) => u.name === user)?.user?.token;
}
