/** Defaulting and validation on writes, the parts of the API server's registry that clients notice. */

import { newUid, nextClusterIp } from './_ids.ts';
import { deepEqual, isPlainObject, pruneNulls } from './_json.ts';
import { type FieldError, invalid } from './errors.ts';
import { admitEvent } from './event-admission.ts';
import { defaultPod, defaultPodSpec } from './pod-defaults.ts';
import type { ResourceType } from './resources.ts';
import { labelSelectorMatcher } from './selectors.ts';
import type { KObject } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: pod specs are arbitrary JSON
type Any = any;

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function checkPodSpec(spec: Any, path: string, errors: FieldError[]): void {
  const containers = spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    errors.push({ field: `${path}.containers`, message: 'Required value', type: 'FieldValueRequired' });
    return;
  }
  containers.forEach((c: Any, i: number) => {
    if (!c?.name)
      errors.push({
        field: `${path}.containers[${i}].name`,
        message: 'Required value',
        type: 'FieldValueRequired',
      });
    if (!c?.image)
      errors.push({
        field: `${path}.containers[${i}].image`,
        message: 'Required value',
        type: 'FieldValueRequired',
      });
  });
}

function checkWorkload(obj: KObject, old: KObject | undefined, errors: FieldError[]): void {
  const spec = obj.spec;
  if (!isPlainObject(spec)) {
    errors.push({ field: 'spec', message: 'Required value', type: 'FieldValueRequired' });
    return;
  }
  spec.replicas ??= 1;
  if (!isCount(spec.replicas)) {
    errors.push({
      field: 'spec.replicas',
      message: `Invalid value: ${JSON.stringify(spec.replicas)}: must be greater than or equal to 0`,
    });
  }
  const selector = spec.selector as Any;
  if (!selector || (!selector.matchLabels && !selector.matchExpressions)) {
    errors.push({ field: 'spec.selector', message: 'Required value', type: 'FieldValueRequired' });
  } else if (!labelSelectorMatcher(selector)((spec.template as Any)?.metadata?.labels)) {
    errors.push({
      field: 'spec.template.metadata.labels',
      message: `Invalid value: ${JSON.stringify((spec.template as Any)?.metadata?.labels ?? {})}: \`selector\` does not match template \`labels\``,
    });
  }
  if (old && !deepEqual(old.spec?.selector, selector)) {
    errors.push({
      field: 'spec.selector',
      message: `Invalid value: ${JSON.stringify(selector)}: field is immutable`,
    });
  }
  defaultPodSpec((spec.template as Any)?.spec);
  checkPodSpec((spec.template as Any)?.spec, 'spec.template.spec', errors);
}

/** IntOrString as Go's %#v prints it in a validation message. */
function intOrString(v: unknown): string {
  return typeof v === 'string'
    ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`
    : `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`;
}

/** SetDefaults_Deployment and ValidateDeploymentStrategy for spec.strategy. */
function checkStrategy(spec: Any, errors: FieldError[]): void {
  spec.strategy ??= {};
  const strategy = spec.strategy;
  strategy.type ??= 'RollingUpdate';
  const path = 'spec.strategy.rollingUpdate';
  if (strategy.type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined)
      errors.push({
        field: path,
        message: "Forbidden: may not be specified when strategy `type` is 'Recreate'",
        type: 'FieldValueForbidden',
      });
    return;
  }
  if (strategy.type !== 'RollingUpdate') {
    errors.push({
      field: 'spec.strategy.type',
      message: `Unsupported value: ${JSON.stringify(strategy.type)}: supported values: "Recreate", "RollingUpdate"`,
      type: 'FieldValueNotSupported',
    });
    return;
  }
  strategy.rollingUpdate ??= {};
  const ru = strategy.rollingUpdate;
  ru.maxUnavailable ??= '25%';
  ru.maxSurge ??= '25%';
  const value = (v: unknown): number => (typeof v === 'number' ? v : Number.parseInt(String(v), 10) || 0);
  for (const k of ['maxUnavailable', 'maxSurge']) {
    const v = ru[k];
    if (typeof v === 'string' && !/^[0-9]+%$/.test(v))
      errors.push({
        field: `${path}.${k}`,
        message: `Invalid value: ${JSON.stringify(v)}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      });
    else if (value(v) < 0)
      errors.push({
        field: `${path}.${k}`,
        message: `Invalid value: ${value(v)}: must be greater than or equal to 0`,
      });
  }
  if (value(ru.maxUnavailable) === 0 && value(ru.maxSurge) === 0)
    errors.push({
      field: `${path}.maxUnavailable`,
      message: `Invalid value: ${intOrString(ru.maxUnavailable)}: may not be 0 when \`maxSurge\` is 0`,
    });
  if (typeof ru.maxUnavailable === 'string' && value(ru.maxUnavailable) > 100)
    errors.push({
      field: `${path}.maxUnavailable`,
      message: `Invalid value: ${JSON.stringify(ru.maxUnavailable)}: must not be greater than 100%`,
    });
}

function defaultDeployment(obj: KObject): void {
  const spec = obj.spec;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  obj.status ??= {};
}

function defaultService(obj: KObject, old: KObject | undefined, errors: FieldError[]): void {
  obj.spec ??= {};
  const spec = obj.spec;
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.clusterIP !== 'None') spec.clusterIP = old?.spec?.clusterIP ?? spec.clusterIP ?? nextClusterIp();
  spec.clusterIPs ??= [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  ports.forEach((p: Any, i: number) => {
    if (!isCount(p?.port) || p.port === 0) {
      errors.push({
        field: `spec.ports[${i}].port`,
        message: `Invalid value: ${JSON.stringify(p?.port)}: must be between 1 and 65535, inclusive`,
      });
      return;
    }
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  });
  obj.status ??= { loadBalancer: {} };
}

function defaultJob(obj: KObject): void {
  const spec = obj.spec;
  obj.metadata.uid ??= newUid();
  const uid = obj.metadata.uid;
  spec.completions ??= 1;
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.template ??= {};
  spec.template.metadata ??= {};
  const labels = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': obj.metadata.name,
    'controller-uid': uid,
    'job-name': obj.metadata.name,
  };
  if (!spec.manualSelector && !spec.selector)
    spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  spec.template.metadata.labels = { ...labels, ...spec.template.metadata.labels };
  spec.template.spec ??= {};
  spec.template.spec.restartPolicy ??= 'Never';
  defaultPodSpec(spec.template.spec);
}

/** Defaults `obj` in place and throws a 422 Invalid listing what is wrong. `old` is set on updates. */
export function admit(r: ResourceType, obj: KObject, old?: KObject): void {
  const errors: FieldError[] = [];
  if (obj.spec !== undefined) obj.spec = pruneNulls(obj.spec);
  const meta = obj.metadata;
  if (meta.name !== undefined && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(meta.name)) {
    errors.push({
      field: 'metadata.name',
      message: `Invalid value: "${meta.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    });
  }
  switch (r.kind) {
    case 'Deployment':
      checkWorkload(obj, old, errors);
      if (isPlainObject(obj.spec)) checkStrategy(obj.spec, errors);
      if (!errors.length) defaultDeployment(obj);
      break;
    case 'ReplicaSet':
      checkWorkload(obj, old, errors);
      obj.status ??= { replicas: 0 };
      break;
    case 'Pod':
      defaultPod(obj.spec);
      checkPodSpec(obj.spec, 'spec', errors);
      obj.status ??= { phase: 'Pending' };
      break;
    case 'Service':
      defaultService(obj, old, errors);
      break;
    case 'Job':
      if (!isPlainObject(obj.spec))
        errors.push({ field: 'spec', message: 'Required value', type: 'FieldValueRequired' });
      else if (!old) defaultJob(obj);
      break;
    case 'Secret':
      obj.type ||= 'Opaque';
      break;
    case 'Endpoints':
      for (const ss of Array.isArray(obj.subsets) ? obj.subsets : [])
        for (const p of Array.isArray(ss?.ports) ? ss.ports : []) if (isPlainObject(p)) p.protocol ||= 'TCP';
      break;
    case 'Event':
      admitEvent(r, obj, errors);
      break;
    case 'Namespace':
      meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name ?? '' };
      obj.spec ??= {};
      obj.spec.finalizers ??= ['kubernetes'];
      obj.status ??= {};
      obj.status.phase ??= 'Active';
      break;
  }
  if (errors.length) throw invalid(r, meta.name ?? '', errors);
}
