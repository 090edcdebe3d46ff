/** Server-side printing: the `meta.k8s.io/v1` Table that `kubectl get` asks for. */
import { humanDuration } from './duration.ts';
import { EVENT_COLUMNS } from './event-columns.ts';
import type { ResourceType } from './resources.ts';
import { selectorString } from './selectors.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: printed objects are arbitrary JSON
type Any = any;
type Cell = string | number;

interface Column {
  name: string;
  type: 'string' | 'integer' | 'date';
  format?: string;
  description: string;
  priority: number;
  cell: (o: Any) => Cell;
}

const age = (o: Any): string => humanDuration(Date.now() - Date.parse(o.metadata?.creationTimestamp ?? ''));
const col = (name: string, cell: Column['cell'], type: Column['type'] = 'string', priority = 0): Column => ({
  name,
  type,
  description: name,
  priority,
  cell,
  ...(name === 'Name' ? { format: 'name' } : {}),
});
const NAME = col('Name', (o) => o.metadata.name);
const AGE = col('Age', age);
const containers = (t: Any) => (t?.spec?.containers ?? []).map((c: Any) => c.name).join(',');
const images = (t: Any) => (t?.spec?.containers ?? []).map((c: Any) => c.image).join(',');

function ports(o: Any): string {
  const list = (o.spec?.ports ?? []).map(
    (p: Any) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
  );
  return list.length ? list.join(',') : '<none>';
}

function endpoints(o: Any): string {
  const out: string[] = [];
  for (const s of o.subsets ?? []) {
    for (const a of s.addresses ?? [])
      for (const p of s.ports ?? [{}]) out.push(p.port ? `${a.ip}:${p.port}` : a.ip);
  }
  if (!out.length) return '<none>';
  return out.length > 3 ? `${out.slice(0, 3).join(',')} + ${out.length - 3} more...` : out.join(',');
}

function podStatus(o: Any): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  const waiting = (o.status?.containerStatuses ?? []).find((c: Any) => c.state?.waiting?.reason);
  if (waiting) return waiting.state.waiting.reason;
  if (o.status?.phase === 'Succeeded') return 'Completed';
  if (o.status?.phase === 'Failed') return 'Error';
  return o.status?.phase ?? 'Pending';
}

const COLUMNS: Record<string, Column[]> = {
  Deployment: [
    NAME,
    col('Ready', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`),
    col('Up-to-date', (o) => o.status?.updatedReplicas ?? 0, 'integer'),
    col('Available', (o) => o.status?.availableReplicas ?? 0, 'integer'),
    AGE,
    col('Containers', (o) => containers(o.spec?.template), 'string', 1),
    col('Images', (o) => images(o.spec?.template), 'string', 1),
    col('Selector', (o) => selectorString(o.spec?.selector), 'string', 1),
  ],
  ReplicaSet: [
    NAME,
    col('Desired', (o) => o.spec?.replicas ?? 0, 'integer'),
    col('Current', (o) => o.status?.replicas ?? 0, 'integer'),
    col('Ready', (o) => o.status?.readyReplicas ?? 0, 'integer'),
    AGE,
    col('Containers', (o) => containers(o.spec?.template), 'string', 1),
    col('Images', (o) => images(o.spec?.template), 'string', 1),
    col('Selector', (o) => selectorString(o.spec?.selector), 'string', 1),
  ],
  Pod: [
    NAME,
    col('Ready', (o) => {
      const cs = o.status?.containerStatuses ?? [];
      return `${cs.filter((c: Any) => c.ready).length}/${(o.spec?.containers ?? []).length}`;
    }),
    col('Status', podStatus),
    col(
      'Restarts',
      (o) => (o.status?.containerStatuses ?? []).reduce((n: number, c: Any) => n + (c.restartCount ?? 0), 0),
      'integer',
    ),
    AGE,
    col('IP', (o) => o.status?.podIP ?? '<none>', 'string', 1),
    col('Node', (o) => o.spec?.nodeName ?? '<none>', 'string', 1),
    col('Nominated Node', () => '<none>', 'string', 1),
    col('Readiness Gates', () => '<none>', 'string', 1),
  ],
  Service: [
    NAME,
    col('Type', (o) => o.spec?.type ?? 'ClusterIP'),
    col('Cluster-IP', (o) => o.spec?.clusterIP ?? '<none>'),
    col('External-IP', (o) => (o.spec?.externalIPs ?? []).join(',') || '<none>'),
    col('Port(s)', ports),
    AGE,
    col(
      'Selector',
      (o) =>
        Object.entries(o.spec?.selector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || '<none>',
      'string',
      1,
    ),
  ],
  Endpoints: [NAME, col('Endpoints', endpoints), AGE],
  Namespace: [NAME, col('Status', (o) => o.status?.phase ?? 'Active'), AGE],
  Node: [
    NAME,
    col('Status', () => 'Ready'),
    col('Roles', () => 'control-plane'),
    AGE,
    col('Version', (o) => o.status?.nodeInfo?.kubeletVersion ?? ''),
  ],
  Job: [
    NAME,
    col('Status', (o) => {
      const c = (o.status?.conditions ?? []).find(
        (x: Any) => x.status === 'True' && (x.type === 'Complete' || x.type === 'Failed'),
      );
      return c ? c.type : 'Running';
    }),
    col('Completions', (o) => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`),
    col('Duration', (o) =>
      o.status?.startTime
        ? humanDuration(
            (o.status.completionTime ? Date.parse(o.status.completionTime) : Date.now()) -
              Date.parse(o.status.startTime),
          )
        : '',
    ),
    AGE,
  ],
  Lease: [NAME, col('Holder', (o) => o.spec?.holderIdentity ?? ''), AGE],
  Event: EVENT_COLUMNS,
  EndpointSlice: [
    NAME,
    col('AddressType', (o) => o.addressType ?? 'IPv4'),
    col('Ports', (o) => (o.ports ?? []).map((p: Any) => p.port).join(',') || '<unset>'),
    col(
      'Endpoints',
      (o) => (o.endpoints ?? []).flatMap((e: Any) => e.addresses ?? []).join(',') || '<unset>',
    ),
    AGE,
  ],
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(o: KObject, include: IncludeObject): object | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export function toTable(
  r: ResourceType,
  items: KObject[],
  resourceVersion: string,
  include: IncludeObject,
): object {
  const columns = COLUMNS[r.kind] ?? [NAME, AGE];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(({ cell: _cell, ...c }) => ({ format: '', ...c })),
    rows: items.map((o) => {
      const object = rowObject(o, include);
      return { cells: columns.map((c) => c.cell(o)), ...(object ? { object } : {}) };
    }),
  };
}
