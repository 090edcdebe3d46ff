/**
 * Bearer-token authentication of an RBAC sim: one token per identity that the kubeconfig names, as a
 * static token file does for a real API server.
 */
import { randomBytes } from 'node:crypto';
import { ApiError } from './errors.ts';

/** Who a request comes from, as the authenticator hands it to the authorizer. */
export interface UserInfo {
  username: string;
  uid: string;
  groups: string[];
}

/** An identity of the kubeconfig: its user name, the bearer token that proves it, and its groups. */
export interface SimUser extends UserInfo {
  token: string;
}

/** The user the kubeconfig's default context `sim` uses: bound to cluster-admin through `system:masters`. */
export const ADMIN_USER = 'sim-admin';

const SA_PREFIX = 'system:serviceaccount:';

/** The groups upstream gives an identity: service accounts get theirs, everyone `system:authenticated`. */
function groupsOf(username: string, extra: readonly string[]): string[] {
  const groups = [...extra];
  if (username.startsWith(SA_PREFIX)) {
    const ns = username.slice(SA_PREFIX.length).split(':')[0];
    groups.push('system:serviceaccounts', `system:serviceaccounts:${ns}`);
  }
  groups.push('system:authenticated');
  return [...new Set(groups)];
}

export class Authenticator {
  private readonly byToken = new Map<string, SimUser>();
  private readonly byName = new Map<string, SimUser>();

  /** Adds an identity (or returns the one of that name); `system:serviceaccount:NS:NAME` is a service account. */
  add(username: string, groups: readonly string[] = []): SimUser {
    const known = this.byName.get(username);
    if (known) return known;
    const user: SimUser = {
      username,
      uid: randomBytes(16).toString('hex'),
      groups: groupsOf(username, groups),
      token: randomBytes(24).toString('base64url'),
    };
    this.byToken.set(user.token, user);
    this.byName.set(username, user);
    return user;
  }

  /** Every identity, the admin first (the order the kubeconfig lists them in). */
  users(): SimUser[] {
    return [...this.byName.values()];
  }

  /** The identity of a request; a missing or unknown token is 401 Unauthorized, as upstream answers it. */
  authenticate(authorization: string | undefined): UserInfo {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const user = m ? this.byToken.get(m[1]!) : undefined;
    if (!user) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    return { username: user.username, uid: user.uid, groups: user.groups };
  }
}
