/**
 * One rollback at a time per namespace: a coordination.k8s.io/v1 Lease `runbook-rollback`, held while the
 * run lasts, renewed, and released at the end, failures included.
 */
import { hostname, userInfo } from 'node:os';
import { EXIT, formatMs, RunbookError } from '@runbook/core';
import { CLEANUP_DEADLINE_MS, type KubeAdapter } from './adapters/kube.ts';
import type { Lease } from './adapters/kube-types.ts';

export const LEASE_NAME = 'runbook-rollback';
/** The journal step that records the lock taken, under the procedure's scope. */
export const LOCK_STEP = 'lock';

/** `user@host/pid`: who holds the lock, readable by the person refused. */
export function holderIdentity(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {}
  return `${user}@${hostname()}/${process.pid}`;
}

export interface LockOptions {
  identity?: string;
  /** How long the lease counts without renewal; default 120 s. */
  leaseDurationSeconds?: number;
  /** For tests. */
  now?: () => number;
}

/** A held lock; `release()` is safe to call twice. */
export interface RollbackLock {
  readonly identity: string;
  /** Whether the lease was taken over from a stale holder, and whom. */
  readonly tookOverFrom?: string;
  /** How long the Lease counts after its last renewal. */
  readonly leaseDurationSeconds: number;
  /**
   * Deletes the Lease if this run still holds it, within CLEANUP_DEADLINE_MS and whether the run was
   * interrupted or not; rejects when the API did not confirm it (the Lease may remain).
   */
  release(): Promise<void>;
}

/** The command that removes the lock by hand. */
export function removeLockCommand(kube: KubeAdapter): string {
  const context = kube.context ? ` --context ${kube.context}` : '';
  return `kubectl delete lease ${LEASE_NAME} -n ${kube.namespace}${context}`;
}

function isLocalDeadProcess(holder: string): boolean {
  const m = /^[^@]+@(.+)\/(\d+)$/.exec(holder);
  if (!m || m[1] !== hostname()) return false;
  try {
    process.kill(Number(m[2]), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const micro = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

/**
 * Takes the Lease. A live holder gets E_LOCKED (exit 3) naming it and since when. A stale one (past its
 * leaseDurationSeconds since the last renewal, or a process of this host that no longer exists, as after
 * a SIGKILL) is taken over.
 */
export async function acquireRollbackLock(
  kube: KubeAdapter,
  options: LockOptions = {},
): Promise<RollbackLock> {
  const identity = options.identity ?? holderIdentity();
  const duration = options.leaseDurationSeconds ?? 120;
  const now = options.now ?? Date.now;
  const spec = () => ({
    holderIdentity: identity,
    acquireTime: micro(now()),
    renewTime: micro(now()),
    leaseDurationSeconds: duration,
  });
  const existing = await kube.getLease(LEASE_NAME);
  let tookOverFrom: string | undefined;
  let lease: Lease;
  if (!existing) {
    lease = await kube
      .createLease({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: LEASE_NAME },
        spec: spec(),
      })
      .catch(async (err: RunbookError) => {
        // Someone created it between our GET and POST.
        if (/409|AlreadyExists/.test(err.message))
          throw refusal(kube, (await kube.getLease(LEASE_NAME)) ?? {}, now);
        throw err;
      });
  } else {
    const holder = existing.spec?.holderIdentity;
    const renewed = Date.parse(existing.spec?.renewTime ?? existing.spec?.acquireTime ?? '') || 0;
    const expired = now() > renewed + (existing.spec?.leaseDurationSeconds ?? duration) * 1000;
    if (holder && holder !== identity && !expired && !isLocalDeadProcess(holder))
      throw refusal(kube, existing, now);
    if (holder && holder !== identity) tookOverFrom = holder;
    lease = await kube
      .replaceLease(LEASE_NAME, { ...existing, spec: { ...existing.spec, ...spec() } })
      .catch((err: RunbookError) => {
        if (/409|Conflict/.test(err.message)) throw refusal(kube, existing, now);
        throw err;
      });
  }
  // Renew at a third of the duration, so a live run never looks stale.
  const timer = setInterval(
    () => {
      lease = { ...lease, spec: { ...lease.spec, renewTime: micro(now()) } };
      kube.replaceLease(LEASE_NAME, lease).then(
        (l) => {
          lease = l;
        },
        () => {},
      );
    },
    (duration * 1000) / 3,
  );
  timer.unref();
  let released = false;
  return {
    identity,
    tookOverFrom,
    leaseDurationSeconds: duration,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      // Not with the run's signal: after a SIGINT it is aborted, and the Lease would stay until it expires.
      const cleanup = kube.forCleanup(CLEANUP_DEADLINE_MS);
      const current = await cleanup.getLease(LEASE_NAME);
      if (current?.spec?.holderIdentity !== identity) return;
      await cleanup.deleteLease(LEASE_NAME).catch((err: RunbookError) => {
        if (err.code !== 'E_NOT_FOUND') throw err;
      });
    },
  };
}

function refusal(kube: KubeAdapter, lease: Lease, now: () => number): RunbookError {
  const holder = lease.spec?.holderIdentity ?? 'someone';
  const since = lease.spec?.acquireTime ? new Date(lease.spec.acquireTime) : null;
  const when = since
    ? `${since.toISOString()} (${formatMs(now() - since.getTime())} ago)`
    : 'an unknown time';
  return new RunbookError(
    'E_LOCKED',
    `another rollback holds namespace ${kube.namespace}: ${holder}, since ${when}`,
    EXIT.precondition,
    `wait for it to finish; if it died, the lease expires ${lease.spec?.leaseDurationSeconds ?? '?'} s after its last renewal (or: ${removeLockCommand(kube)})`,
  );
}
