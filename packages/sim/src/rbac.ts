/**
 * The RBAC authorizer: the Roles, ClusterRoles and their bindings in the store decide, with upstream's rule
 * matching (plugin/pkg/auth/authorizer/rbac/rbac.go and pkg/apis/rbac/v1/evaluation_helpers.go).
 */
import type { UserInfo } from './authn.ts';
import { ApiError } from './errors.ts';
import type { RequestAttributes } from './request-info.ts';
import { findResource, type ResourceType } from './resources.ts';
import type { Store } from './store.ts';
import type { KObject } from './types.ts';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

const rbac = (name: string): ResourceType => findResource('rbac.authorization.k8s.io', 'v1', name)!;

const has = (list: readonly string[] | undefined, value: string) =>
  !!list && (list.includes('*') || list.includes(value));

function resourceMatches(rule: PolicyRule, a: RequestAttributes): boolean {
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return (rule.resources ?? []).some(
    (r) => r === '*' || r === combined || (!!a.subresource && r === `*/${a.subresource}`),
  );
}

function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
  );
}

/** Whether one rule allows the request: upstream's RuleAllows. */
export function ruleAllows(rule: PolicyRule, a: RequestAttributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!a.resourceRequest) return nonResourceURLMatches(rule, a.path);
  if (!has(rule.apiGroups, a.apiGroup) || !resourceMatches(rule, a)) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(a.name);
}

function appliesTo(subject: Subject, user: UserInfo, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.username;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount':
      return (
        user.username === `system:serviceaccount:${subject.namespace || bindingNamespace}:${subject.name}`
      );
    default:
      return false;
  }
}

/** The rules of one binding's role, with a name for the reason of a decision. */
export interface BoundRules {
  /** `RoleBinding "x" of Role "y"`, `ClusterRoleBinding "x" of ClusterRole "y"`. */
  source: string;
  rules: PolicyRule[];
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount "${s.name}/${s.namespace || bindingNamespace}"`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

function rulesOf(store: Store, binding: KObject, user: UserInfo): BoundRules | undefined {
  const ns = binding.metadata.namespace ?? '';
  const subjects = (binding.subjects ?? []) as Subject[];
  const subject = subjects.find((s) => appliesTo(s, user, ns));
  if (!subject) return undefined;
  const ref = (binding.roleRef ?? {}) as { kind?: string; name?: string };
  const role =
    ref.kind === 'Role'
      ? store.get(rbac('roles'), ns, ref.name ?? '')
      : store.get(rbac('clusterroles'), undefined, ref.name ?? '');
  const name = binding.metadata.name ?? '';
  const what = ns ? `RoleBinding "${name}/${ns}"` : `ClusterRoleBinding "${name}"`;
  return {
    source: `${what} of ${ref.kind} "${ref.name}" to ${describeSubject(subject, ns)}`,
    rules: (role?.rules ?? []) as PolicyRule[],
  };
}

/** Every rule that applies to the user in a namespace ('' for cluster scope): cluster-wide bindings first. */
export function visibleRules(store: Store, user: UserInfo, namespace: string): BoundRules[] {
  const out: BoundRules[] = [];
  for (const b of store.list(rbac('clusterrolebindings'))) {
    const r = rulesOf(store, b, user);
    if (r) out.push(r);
  }
  if (namespace) {
    for (const b of store.list(rbac('rolebindings'), namespace)) {
      const r = rulesOf(store, b, user);
      if (r) out.push(r);
    }
  }
  return out;
}

/** The reason of an allowed request, as upstream's RBAC authorizer words it; undefined when denied. */
export function authorize(store: Store, user: UserInfo, a: RequestAttributes): string | undefined {
  for (const bound of visibleRules(store, user, a.namespace)) {
    if (bound.rules.some((rule) => ruleAllows(rule, a))) return `RBAC: allowed by ${bound.source}`;
  }
  return undefined;
}

/** upstream's forbiddenMessage (endpoints/handlers/responsewriters/errors.go). */
function forbiddenMessage(user: UserInfo, a: RequestAttributes): string {
  const who = `User ${JSON.stringify(user.username)} cannot ${a.verb}`;
  if (!a.resourceRequest) return `${who} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `${who} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${scope}`;
}

/** The 403 a denied request gets: apierrors.NewForbidden of the resource, name and message. */
export function forbidden(user: UserInfo, a: RequestAttributes): ApiError {
  const why = forbiddenMessage(user, a);
  if (!a.resourceRequest || !a.resource) return new ApiError(403, 'Forbidden', `forbidden: ${why}`, {});
  const qualified = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource;
  const subject = a.name ? `${qualified} ${JSON.stringify(a.name)}` : qualified;
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: ${why}`, {
    ...(a.name ? { name: a.name } : {}),
    ...(a.apiGroup ? { group: a.apiGroup } : {}),
    kind: a.resource,
  });
}
