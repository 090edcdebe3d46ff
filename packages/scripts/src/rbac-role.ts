/**
 * The least-privilege Role (and its RoleBinding) the procedures need in the runbook's namespace, derived
 * from the kube adapter's access table (adapters/kube-access.ts) and the runbook's critical-path methods.
 */
import type { Runbook } from '@runbook/core';
import { KUBE_ACCESS, type KubeAccess, type KubeVerb, proxyAccess } from './adapters/kube-access.ts';

export interface RoleSubject {
  kind: 'ServiceAccount' | 'User' | 'Group';
  name: string;
}

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: KubeVerb[];
}

const VERB_ORDER: readonly KubeVerb[] = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
];

/** Every permission the procedures may use for this runbook, deduplicated, in a stable order. */
export function requiredAccess(runbook: Runbook): KubeAccess[] {
  const routes = runbook.meta.apps.flatMap((a) => a.criticalPath.map((r) => proxyAccess(r.method)));
  const all = [...Object.values(KUBE_ACCESS).flat(), ...routes];
  const seen = new Map<string, KubeAccess>();
  for (const a of all) seen.set(`${a.group}|${a.resource}|${a.verb}`, a);
  return [...seen.values()].sort(
    (x, y) =>
      x.group.localeCompare(y.group) ||
      x.resource.localeCompare(y.resource) ||
      VERB_ORDER.indexOf(x.verb) - VERB_ORDER.indexOf(y.verb),
  );
}

/** One rule per resource, its verbs together, as people write Roles. */
export function rulesOf(access: readonly KubeAccess[]): PolicyRule[] {
  const rules = new Map<string, PolicyRule>();
  for (const a of access) {
    const key = `${a.group}|${a.resource}`;
    const rule = rules.get(key) ?? { apiGroups: [a.group], resources: [a.resource], verbs: [] };
    if (!rule.verbs.includes(a.verb)) rule.verbs.push(a.verb);
    rules.set(key, rule);
  }
  return [...rules.values()];
}

const flow = (items: readonly string[]) => `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;
const q = (s: string) => JSON.stringify(s);

/** The Role and RoleBinding as two YAML documents, `---` separated. */
export function roleYaml(options: {
  name: string;
  namespace: string;
  subject: RoleSubject;
  rules: readonly PolicyRule[];
}): string {
  const { name, namespace, subject, rules } = options;
  const labels = `  labels:\n    app.kubernetes.io/managed-by: runbook\n`;
  const meta = `metadata:\n  name: ${q(name)}\n  namespace: ${q(namespace)}\n${labels}`;
  const ruleLines = rules
    .map(
      (r) =>
        `- apiGroups: ${flow(r.apiGroups)}\n  resources: ${flow(r.resources)}\n  verbs: ${flow(r.verbs)}\n`,
    )
    .join('');
  const subjectLines =
    subject.kind === 'ServiceAccount'
      ? `- kind: ServiceAccount\n  name: ${q(subject.name)}\n  namespace: ${q(namespace)}\n`
      : `- kind: ${subject.kind}\n  name: ${q(subject.name)}\n  apiGroup: rbac.authorization.k8s.io\n`;
  return `# Least privilege for the runbook's procedures, derived from the calls they make (runbook rbac).
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
${meta}rules:
${ruleLines}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
${meta}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ${q(name)}
subjects:
${subjectLines}`;
}
