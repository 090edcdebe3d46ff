/**
 * `runbook status`: where the incident stands, read from the cluster alone (its incident record, the lock's
 * Lease, the Services and Deployments), so that it answers the same on any machine with the kubeconfig.
 */
import {
  type IncidentRecord,
  type IncidentStatus,
  incidentStatus,
  type Runbook,
  RunbookError,
  UsageError,
} from '@runbook/core';
import type { KubeAdapter } from '../adapters/kube.ts';
import type { Deployment, Lease, Service } from '../adapters/kube-types.ts';
import { buildRecord, fromConfigMap, RECORD_LABEL, recordName } from '../incident-configmap.ts';
import { readJournal } from '../journal-record.ts';
import { LEASE_NAME } from '../lock.ts';

/** What status reads of the kube adapter. */
export type StatusCluster = Pick<
  KubeAdapter,
  'namespace' | 'listConfigMaps' | 'getConfigMap' | 'getLease' | 'listServices' | 'listDeployments'
>;

export interface LockStatus {
  holder: string;
  /** ISO time the holder took the lock. */
  since: string | null;
  renewedAt: string | null;
  /** Whether the holder stopped renewing it (it may be taken over). */
  stale: boolean;
}

export interface AppTraffic {
  app: string;
  service: string;
  /** The colour the service selects, or null when it selects neither (or the service is missing). */
  colour: string | null;
  /** Ready and desired replicas of each colour's deployment, null when the deployment is missing. */
  green: { ready: number; desired: number } | null;
  blue: { ready: number; desired: number } | null;
}

export interface StatusReport {
  namespace: string;
  /** The incident asked for, or the last one recorded; null when the cluster has none. */
  incident:
    | (IncidentStatus & Pick<IncidentRecord, 'operator' | 'handovers' | 'dropped' | 'updatedAt'>)
    | null;
  lock: LockStatus | null;
  apps: AppTraffic[];
}

/** The incident's record; without an id, the one updated last. Invalid records are refused (exit 3). */
async function findRecord(
  kube: StatusCluster,
  id: string | undefined,
  incidentsDir: string | undefined,
): Promise<IncidentRecord | null> {
  if (id) {
    const cm = await kube.getConfigMap(recordName(id));
    // A run that never took the lock (refused, a verify) has no record in the cluster: this machine may have it.
    const local = cm || !incidentsDir ? null : await readJournal(incidentsDir, id).catch(() => null);
    if (local?.length)
      return buildRecord({
        incident: id,
        command: String(local[0]!.inputs.command ?? '?'),
        cluster: null,
        operator: `the journal in ${incidentsDir}`,
        records: local,
      });
    if (!cm)
      throw new UsageError(
        `--incident: no record of incident "${id}" in namespace ${kube.namespace}`,
        `kubectl get configmaps -l ${RECORD_LABEL} -n ${kube.namespace}`,
      );
    return fromConfigMap(cm);
  }
  const all = await kube.listConfigMaps(`${RECORD_LABEL}=true`);
  const records = all.flatMap((cm) => {
    try {
      return [fromConfigMap(cm)];
    } catch (err) {
      // Without an id, one bad record must not hide the others; asked for by id, it is refused.
      if (err instanceof RunbookError) return [];
      throw err;
    }
  });
  return records.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))[0] ?? null;
}

function lockOf(lease: Lease | null, nowMs: number): LockStatus | null {
  const spec = lease?.spec;
  if (!spec?.holderIdentity) return null;
  const renewed = spec.renewTime ?? spec.acquireTime ?? null;
  const stale = renewed !== null && nowMs - Date.parse(renewed) > (spec.leaseDurationSeconds ?? 0) * 1000;
  return { holder: spec.holderIdentity, since: spec.acquireTime ?? null, renewedAt: renewed, stale };
}

function trafficOf(runbook: Runbook, services: Service[], deployments: Deployment[]): AppTraffic[] {
  const replicas = (name: string) => {
    const d = deployments.find((x) => x.metadata?.name === name);
    return d ? { ready: d.status?.readyReplicas ?? 0, desired: d.spec?.replicas ?? 0 } : null;
  };
  return runbook.meta.apps.map((a) => {
    const svc = services.find((s) => s.metadata?.name === a.service);
    return {
      app: a.id,
      service: a.service,
      colour: svc?.spec?.selector?.[a.colorLabel] ?? null,
      green: replicas(a.deployment),
      blue: replicas(a.blueDeployment),
    };
  });
}

/** The status of one cluster at `nowMs`. */
export async function readStatus(
  runbook: Runbook,
  kube: StatusCluster,
  options: { incident?: string; incidentsDir?: string; nowMs?: number } = {},
): Promise<StatusReport> {
  const nowMs = options.nowMs ?? Date.now();
  const [record, lease, services, deployments] = await Promise.all([
    findRecord(kube, options.incident, options.incidentsDir),
    kube.getLease(LEASE_NAME),
    kube.listServices(),
    kube.listDeployments(),
  ]);
  const incident = record
    ? {
        ...incidentStatus(runbook, record.records, nowMs),
        operator: record.operator,
        handovers: record.handovers,
        dropped: record.dropped,
        updatedAt: record.updatedAt,
      }
    : null;
  return {
    namespace: kube.namespace,
    incident,
    lock: lockOf(lease, nowMs),
    apps: trafficOf(runbook, services, deployments),
  };
}
