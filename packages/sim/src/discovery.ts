/** Discovery documents: /version, /api, /apis and one APIResourceList per group version. */
import { GROUP_VERSIONS, RESOURCES, VERBS } from './resources.ts';

export function versionInfo(): Record<string, string> {
  // kubectl's dispatcher picks the client binary from gitVersion: 1.32 matches /usr/bin/kubectl 1.32.
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.4-sim',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions(): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }],
  };
}

function group(name: string, version: string): object {
  const gv = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [gv], preferredVersion: gv };
}

export function groupList(): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: GROUP_VERSIONS.map((g) => group(g.group, g.version)),
  };
}

export function groupDoc(name: string): object | undefined {
  const gv = GROUP_VERSIONS.find((g) => g.group === name);
  return gv && { kind: 'APIGroup', apiVersion: 'v1', ...group(gv.group, gv.version) };
}

const SUB_VERBS: Record<string, string[]> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  log: ['get'],
  proxy: ['create', 'delete', 'get', 'patch', 'update'],
};

export function resourceList(groupName: string, version: string): object | undefined {
  const resources = RESOURCES.filter((r) => r.group === groupName && r.version === version);
  if (!resources.length) return undefined;
  const list: object[] = [];
  for (const r of resources) {
    list.push({
      name: r.name,
      singularName: r.singularName,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: VERBS,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    });
    for (const sub of r.subresources ?? []) {
      list.push({
        name: `${r.name}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(sub === 'scale'
          ? { group: 'autoscaling', version: 'v1', kind: 'Scale' }
          : { kind: sub === 'status' ? r.kind : sub === 'log' ? 'Pod' : 'ServiceProxyOptions' }),
        verbs: SUB_VERBS[sub] ?? ['get'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupName ? `${groupName}/${version}` : version,
    resources: list,
  };
}
