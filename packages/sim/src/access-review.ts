/**
 * The access control of an RBAC sim: every request is authenticated (bearer token) and authorized (RBAC)
 * before it is served, and the self-reviews kubectl's `auth can-i` and `auth whoami` send are answered here.
 */
import type { ServerResponse } from 'node:http';
import { ADMIN_USER, type Authenticator, type UserInfo } from './authn.ts';
import { badRequest } from './errors.ts';
import type { KubeconfigUser } from './kubeconfig.ts';
import { authorize, forbidden, type PolicyRule, visibleRules } from './rbac.ts';
import { seedRbacDefaults } from './rbac-defaults.ts';
import { type RequestAttributes, requestAttributes } from './request-info.ts';
import { decodeReview } from './review-protobuf.ts';
import type { Store } from './store.ts';

type Review = (user: UserInfo, body: Record<string, unknown>) => Record<string, unknown>;

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** A review's body, JSON or protobuf (kubectl sends its reviews as protobuf). */
function parse(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/vnd.kubernetes.protobuf')) return decodeReview(raw);
  try {
    const v: unknown = JSON.parse(raw.toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {}
  throw badRequest('the body of the request must be a JSON object');
}

function reviewAttributes(spec: Record<string, unknown>): RequestAttributes {
  const nr = spec.nonResourceAttributes as { path?: string; verb?: string } | undefined;
  const ra = (spec.resourceAttributes ?? {}) as ResourceAttributes;
  return {
    resourceRequest: !nr,
    verb: nr ? (nr.verb ?? '') : (ra.verb ?? ''),
    path: nr?.path ?? '',
    apiGroup: ra.group ?? '',
    apiVersion: ra.version ?? '',
    namespace: ra.namespace ?? '',
    resource: ra.resource ?? '',
    subresource: ra.subresource ?? '',
    name: ra.name ?? '',
  };
}

const reply = (body: Record<string, unknown>, status: Record<string, unknown>) => ({
  ...body,
  metadata: { creationTimestamp: null, ...(body.metadata as object) },
  status,
});

function accessReview(store: Store): Review {
  return (user, body) => {
    const spec = (body.spec ?? {}) as Record<string, unknown>;
    const reason = authorize(store, user, reviewAttributes(spec));
    return reply(body, reason ? { allowed: true, reason } : { allowed: false });
  };
}

function rulesReview(store: Store): Review {
  return (user, body) => {
    const ns = String((body.spec as { namespace?: string } | undefined)?.namespace ?? '');
    const rules: PolicyRule[] = visibleRules(store, user, ns).flatMap((b) => b.rules);
    const resourceRules = rules
      .filter((r) => !r.nonResourceURLs?.length)
      .map(({ verbs, apiGroups, resources, resourceNames }) => ({
        verbs,
        apiGroups: apiGroups ?? [],
        resources: resources ?? [],
        ...(resourceNames?.length ? { resourceNames } : {}),
      }));
    const nonResourceRules = rules
      .filter((r) => r.nonResourceURLs?.length)
      .map(({ verbs, nonResourceURLs }) => ({ verbs, nonResourceURLs }));
    return reply(body, { resourceRules, nonResourceRules, incomplete: false });
  };
}

const selfReview: Review = (user, body) => reply(body, { userInfo: { ...user } });

function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export class AccessControl {
  private readonly reviews: Record<string, Review>;

  constructor(
    private readonly store: Store,
    readonly authn: Authenticator,
  ) {
    this.reviews = {
      'authorization.k8s.io/selfsubjectaccessreviews': accessReview(store),
      'authorization.k8s.io/selfsubjectrulesreviews': rulesReview(store),
      'authentication.k8s.io/selfsubjectreviews': selfReview,
    };
  }

  /**
   * Throws the 401 or 403 of a request that may not be served; answers a self-review itself (then true).
   * The other requests go on to the API server's routing.
   */
  gate(
    headers: { authorization?: string; 'content-type'?: string },
    res: ServerResponse,
    method: string,
    url: URL,
    body: Buffer,
  ): boolean {
    const user = this.authn.authenticate(headers.authorization);
    const a = requestAttributes(method, url.pathname, url.searchParams);
    if (!authorize(this.store, user, a)) throw forbidden(user, a);
    const review =
      a.verb === 'create' && !a.namespace ? this.reviews[`${a.apiGroup}/${a.resource}`] : undefined;
    if (!review || a.apiVersion !== 'v1') return false;
    send(res, 201, review(user, parse(body, headers['content-type'])));
    return true;
  }
}

/** The access control `SimOptions.rbac` asks for, with the admin and the asked-for users; undefined without it. */
export function accessControl(
  store: Store,
  authn: Authenticator,
  users: ReadonlyArray<string | { name: string; groups?: string[] }>,
): AccessControl {
  authn.add(ADMIN_USER, ['system:masters']);
  for (const u of users) typeof u === 'string' ? authn.add(u) : authn.add(u.name, u.groups);
  seedRbacDefaults(store);
  return new AccessControl(store, authn);
}

/** The kubeconfig's identities: context `sim` for the admin, a context named after each other user. */
export function kubeconfigUsers(access: AccessControl | undefined): KubeconfigUser[] {
  return (access?.authn.users() ?? []).map((u) => ({
    context: u.username === ADMIN_USER ? 'sim' : u.username,
    username: u.username,
    token: u.token,
  }));
}
