/** The scale subresource (autoscaling/v1 Scale) and pod logs. */
import type { ServerResponse } from 'node:http';
import { clone, isPlainObject } from './_json.ts';
import type { SimApps } from './app.ts';
import { R } from './context.ts';
import { badRequest, conflict, type FieldError, invalid } from './errors.ts';
import type { Target } from './handlers.ts';
import { recordUpdate } from './managed-fields.ts';
import { applyPatch } from './patch.ts';
import type { LogLine } from './pod-logs.ts';
import { apiVersionOf } from './resources.ts';
import { selectorString } from './selectors.ts';
import type { Store } from './store.ts';
import type { KObject } from './types.ts';
import type { WriteOptions } from './write-options.ts';

export function toScale(o: KObject): KObject {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, selector: selectorString(o.spec?.selector) },
  };
}

export function getScale(store: Store, t: Target): KObject {
  return toScale(store.must(t.resource, t.namespace, t.name!));
}

export function setScale(
  store: Store,
  t: Target,
  scale: KObject,
  dryRun: boolean,
  w?: WriteOptions,
): KObject {
  const o = store.must(t.resource, t.namespace, t.name!);
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== o.metadata.resourceVersion) throw conflict(t.resource, t.name!);
  const replicas = scale.spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid({ ...t.resource, kind: 'Scale', group: 'autoscaling' }, t.name!, [
      {
        field: 'spec.replicas',
        message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      },
    ]);
  }
  const next = clone(o);
  next.spec.replicas = replicas;
  // The API server records a scale write against the parent's fields, under the subresource.
  if (w)
    recordUpdate(o, next, {
      manager: w.manager,
      apiVersion: apiVersionOf(t.resource),
      subresource: 'scale',
      scope: 'main',
    });
  if (dryRun) return toScale(next);
  return toScale(store.update(t.resource, next));
}

export function patchScale(
  store: Store,
  t: Target,
  contentType: string,
  body: string,
  dryRun: boolean,
  w?: WriteOptions,
): KObject {
  const scale = applyPatch(getScale(store, t), contentType, body);
  if (!isPlainObject(scale)) throw badRequest('the patch did not produce a Scale object');
  return setScale(store, t, scale as KObject, dryRun, w);
}

interface LogOptions {
  container: string;
  follow: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  /** Milliseconds since the epoch; lines the runtime received before are left out. */
  since?: number;
}

function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null) return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

/** PodLogOptions as the API server decodes and validates them (ValidatePodLogOptions), for a pod's container. */
function logOptions(pod: KObject, query: URLSearchParams): LogOptions {
  const name = pod.metadata.name!;
  const names: string[] = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
  const asked = query.get('container');
  if (!asked && names.length > 1) {
    throw badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`,
    );
  }
  if (asked && !names.includes(asked)) throw badRequest(`container ${asked} is not valid for pod ${name}`);
  const tailLines = intParam(query, 'tailLines');
  const limitBytes = intParam(query, 'limitBytes');
  const sinceSeconds = intParam(query, 'sinceSeconds');
  const sinceTime = query.get('sinceTime');
  const errors: FieldError[] = [];
  if (tailLines !== undefined && tailLines < 0)
    errors.push({
      field: 'tailLines',
      message: `Invalid value: ${tailLines}: must be greater than or equal to 0`,
    });
  if (limitBytes !== undefined && limitBytes < 1)
    errors.push({ field: 'limitBytes', message: `Invalid value: ${limitBytes}: must be greater than 0` });
  if (sinceSeconds !== undefined && sinceTime !== null)
    errors.push({
      field: '',
      message: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    });
  else if (sinceSeconds !== undefined && sinceSeconds < 1)
    errors.push({ field: 'sinceSeconds', message: `Invalid value: ${sinceSeconds}: must be greater than 0` });
  if (errors.length) throw invalid({ ...R.pods, kind: 'PodLogOptions', group: '' }, name, errors);
  let since = sinceSeconds === undefined ? undefined : Date.now() - sinceSeconds * 1000;
  if (sinceTime !== null) {
    since = Date.parse(sinceTime);
    if (Number.isNaN(since))
      throw badRequest(`parsing time ${JSON.stringify(sinceTime)}: cannot parse as RFC3339`);
  }
  const container = asked ?? names[0] ?? '';
  // Go's strconv.ParseBool: the Python client sends `True`.
  const flag = (k: string) => ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(query.get(k) ?? '');
  // Containers of the sim never restart: there is no previous instance, as the kubelet then answers.
  if (flag('previous'))
    throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
  return { container, follow: flag('follow'), timestamps: flag('timestamps'), tailLines, limitBytes, since };
}

/**
 * GET pods/NAME/log: the container's lines, filtered as the kubelet does (since, then tail), optionally
 * stamped, cut at limitBytes; with follow the response stays open and streams new lines until the client
 * goes away, the byte limit is reached or the pod is deleted.
 */
export function podLog(
  store: Store,
  apps: SimApps,
  t: Target,
  query: URLSearchParams,
  res: ServerResponse,
): void {
  const pod = store.must(R.pods, t.namespace, t.name!);
  const o = logOptions(pod, query);
  const ns = t.namespace ?? '';
  let left = o.limitBytes ?? Number.POSITIVE_INFINITY;
  const write = (line: LogLine): boolean => {
    const text = Buffer.from(`${o.timestamps ? `${line.stamp} ` : ''}${line.text}\n`);
    const part = text.length > left ? text.subarray(0, left) : text;
    left -= part.length;
    res.write(part);
    return left > 0;
  };
  let lines = apps.podLogs.lines(ns, t.name!).filter((l) => o.since === undefined || l.ms >= o.since);
  if (o.tailLines !== undefined) lines = o.tailLines === 0 ? [] : lines.slice(-o.tailLines);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  for (const line of lines) if (!write(line)) return void res.end();
  if (!o.follow) return void res.end();
  res.flushHeaders();
  const stop = apps.podLogs.follow(ns, t.name!, (line) => {
    if (line && write(line)) return;
    stop();
    res.end();
  });
  res.on('close', stop);
}
