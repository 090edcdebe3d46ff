/**
 * The incident record in the cluster is a ConfigMap per incident: namespaced, readable and writable with the
 * namespace's own RBAC (no CustomResourceDefinition to install cluster-wide), visible with plain kubectl, and
 * kept until someone deletes it (Events expire after an hour). Its data is one JSON document, checked
 * against `incidentRecordSchema` on every read: a record edited by hand into another shape is refused.
 */
import { compactRecords, EXIT, type IncidentRecord, incidentRecordSchema, RunbookError } from '@runbook/core';
import type { ConfigMap } from './adapters/kube-types.ts';

/** Label every incident record carries, to list them. */
export const RECORD_LABEL = 'runbook.dev/incident-record';
/** Annotation holding the incident id as written (a ConfigMap name is lower case). */
export const INCIDENT_ANNOTATION = 'runbook.dev/incident';
const DATA_KEY = 'incident.json';

/** `runbook-incident-<id>`, lower case and DNS-safe. */
export function recordName(incident: string): string {
  return `runbook-incident-${incident.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}`.slice(0, 253);
}

/** The ConfigMap holding `record`; the caller sets `resourceVersion` to replace an existing one. */
export function toConfigMap(record: IncidentRecord, namespace: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: recordName(record.incident),
      namespace,
      labels: { [RECORD_LABEL]: 'true', 'app.kubernetes.io/managed-by': 'runbook' },
      annotations: { [INCIDENT_ANNOTATION]: record.incident },
    },
    data: { [DATA_KEY]: JSON.stringify(record) },
  };
}

function refused(name: string, why: string): RunbookError {
  return new RunbookError(
    'E_INCIDENT_RECORD',
    `configmap/${name}: ${why}; the record is not trusted`,
    EXIT.precondition,
    `inspect it with kubectl get configmap ${name} -o yaml; resume from the local journal instead, or delete the record`,
  );
}

/** The incident record a ConfigMap holds, checked; anything else is E_INCIDENT_RECORD (exit 3), one line. */
export function fromConfigMap(cm: ConfigMap): IncidentRecord {
  const name = cm.metadata?.name ?? '(unnamed)';
  const text = cm.data?.[DATA_KEY];
  if (text === undefined) throw refused(name, `no ${DATA_KEY} key`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw refused(name, `${DATA_KEY} is not JSON`);
  }
  const parsed = incidentRecordSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refused(name, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const annotated = cm.metadata?.annotations?.[INCIDENT_ANNOTATION];
  if (annotated !== undefined && annotated !== parsed.data.incident)
    throw refused(name, `incident "${parsed.data.incident}" does not match its annotation "${annotated}"`);
  return parsed.data;
}

export interface RecordInput {
  incident: string;
  command: string;
  cluster: string | null;
  operator: string;
  records: Parameters<typeof compactRecords>[0];
  handovers?: IncidentRecord['handovers'];
}

/** A record of the journal as it stands, compacted to fit; `records` must not be empty. */
export function buildRecord(input: RecordInput, now = new Date()): IncidentRecord {
  const { records, dropped } = compactRecords(input.records);
  return {
    format: 'runbook.incident/v1',
    incident: input.incident,
    command: input.command,
    cluster: input.cluster,
    operator: input.operator,
    handovers: input.handovers ?? [],
    startedAt: records[0]?.time ?? now.toISOString(),
    updatedAt: now.toISOString(),
    records,
    dropped,
  };
}
