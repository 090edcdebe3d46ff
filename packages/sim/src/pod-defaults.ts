/**
 * The defaults the API server fills into pod specs (upstream pkg/apis/core/v1/defaults.go) and, for pods
 * themselves, what its admission plugins add (ServiceAccount, Priority, DefaultTolerationSeconds).
 */
import { isPlainObject } from './_json.ts';

// biome-ignore lint/suspicious/noExplicitAny: pod specs are arbitrary JSON
type Any = any;

const objects = (v: unknown): Any[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);

/** SetDefaults_HTTPGetAction, for probes and lifecycle hooks alike. */
function defaultHandler(h: Any): void {
  if (!isPlainObject(h)) return;
  const get: Any = h.httpGet;
  if (isPlainObject(get)) {
    get.path ||= '/';
    get.scheme ||= 'HTTP';
  }
}

/** SetDefaults_Probe. */
function defaultProbe(p: Any): void {
  if (!isPlainObject(p)) return;
  defaultHandler(p);
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
}

/** SetDefaults_Container, and the defaults of what it holds. */
function defaultContainer(c: Any): void {
  const image = String(c.image ?? '');
  // ParseImageName: no tag means `latest`; a digest without a tag is not `latest`.
  const tag = /:([^/:@]+)(@|$)/.exec(image)?.[1] ?? (image.includes('@') ? '' : 'latest');
  c.imagePullPolicy ||= tag === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  c.resources ??= {};
  for (const p of objects(c.ports)) p.protocol ||= 'TCP';
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[probe]);
  if (isPlainObject(c.lifecycle)) for (const h of ['postStart', 'preStop']) defaultHandler(c.lifecycle[h]);
  for (const e of objects(c.env)) {
    const ref: Any = e.valueFrom?.fieldRef;
    if (isPlainObject(ref)) ref.apiVersion ||= 'v1';
  }
}

const VOLUME_SOURCES_WITH_MODE = ['secret', 'configMap', 'downwardAPI', 'projected'];

/** SetDefaults_Volume and the volume sources' defaultMode (0644). */
function defaultVolume(v: Any): void {
  if (Object.keys(v).every((k) => k === 'name')) v.emptyDir = {};
  for (const k of VOLUME_SOURCES_WITH_MODE) if (isPlainObject(v[k])) v[k].defaultMode ??= 420;
  if (isPlainObject(v.hostPath)) v.hostPath.type ??= '';
  for (const s of objects(v.projected?.sources)) {
    if (isPlainObject(s.serviceAccountToken)) s.serviceAccountToken.expirationSeconds ??= 3600;
  }
}

/** SetDefaults_PodSpec and what it holds: for pods and for the templates of workloads. */
export function defaultPodSpec(spec: Any): void {
  if (!isPlainObject(spec)) return;
  spec.restartPolicy ||= 'Always';
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.schedulerName ||= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const c of [...objects(spec.initContainers), ...objects(spec.containers)]) defaultContainer(c);
  for (const v of objects(spec.volumes)) defaultVolume(v);
}

const NOT_READY_TOLERATIONS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** SetDefaults_Pod and the admission plugins: only a pod gets these, never a template. */
export function defaultPod(spec: Any): void {
  if (!isPlainObject(spec)) return;
  defaultPodSpec(spec);
  for (const c of [...objects(spec.initContainers), ...objects(spec.containers)]) {
    const r: Any = c.resources;
    if (isPlainObject(r.limits)) r.requests = { ...r.limits, ...r.requests };
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const c of objects(spec.containers))
      for (const p of objects(c.ports)) p.hostPort ||= p.containerPort;
  }
  spec.serviceAccountName ||= spec.serviceAccount || 'default';
  spec.serviceAccount = spec.serviceAccountName;
  spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  const tolerations = objects(spec.tolerations);
  for (const key of NOT_READY_TOLERATIONS) {
    if (tolerations.some((t) => t.key === key)) continue;
    tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}
