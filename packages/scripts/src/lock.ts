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

type Spec = () => NonNullable<Lease['spec']>;

/**
 * Creates the Lease, or takes it over from a stale holder. Created first: the namespace is free in all but a
 * contended run, which pays the read instead.
 */
async function take(
  kube: KubeAdapter,
  identity: string,
  spec: Spec,
  now: () => number,
  duration: number,
): Promise<{ lease: Lease; tookOverFrom?: string }> {
  const conflictAsNull = (err: RunbookError) => {
    if (err.code === 'E_CONFLICT') return null;
    throw err;
  };
  for (let attempt = 1; ; attempt++) {
    const created = await kube
      .createLease({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: LEASE_NAME },
        spec: spec(),
      })
      .catch(conflictAsNull);
    if (created) return { lease: created };
    const existing = await kube.getLease(LEASE_NAME);
    // Released between our create and our read: created again, once.
    if (!existing && attempt === 1) continue;
    if (!existing) throw refusal(kube, {}, now);
    const holder = existing.spec?.holderIdentity;
    const renewed = Date.parse(existing.spec?.renewTime ?? existing.spec?.acquireTime ?? '') || 0;
    const expired = now() > renewed + (existing.spec?.leaseDurationSeconds ?? duration) * 1000;
    if (holder && holder !== identity && !expired && !isLocalDeadProcess(holder))
      throw refusal(kube, existing, now);
    const lease = await kube
      .replaceLease(LEASE_NAME, { ...existing, spec: { ...existing.spec, ...spec() } })
      .catch((err: RunbookError) => {
        if (err.code === 'E_CONFLICT') throw refusal(kube, existing, now);
        throw err;
      });
    return holder && holder !== identity ? { lease, tookOverFrom: holder } : { lease };
  }
}

/**
 * Deletes the Lease this run wrote, and only that one: its uid and resourceVersion are the delete's
 * preconditions, so a Lease taken over meanwhile answers 409 and stays with its new holder. A renewal of
 * ours still in flight also moves the resourceVersion: then the Lease is read, and deleted if still ours.
 */
async function releaseLease(kube: KubeAdapter, identity: string, lease: Lease): Promise<void> {
  const notFoundOk = (err: RunbookError) => {
    if (err.code !== 'E_NOT_FOUND') throw err;
  };
  const { uid, resourceVersion } = lease.metadata ?? {};
  await kube.deleteLease(LEASE_NAME, { uid, resourceVersion }).catch(async (err: RunbookError) => {
    if (err.code !== 'E_CONFLICT') return notFoundOk(err);
    const current = await kube.getLease(LEASE_NAME);
    if (current?.spec?.holderIdentity !== identity) return;
    const again = { uid: current.metadata?.uid, resourceVersion: current.metadata?.resourceVersion };
    await kube.deleteLease(LEASE_NAME, again).catch(notFoundOk);
  });
}

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
  const taken = await take(kube, identity, spec, now, duration);
  let lease = taken.lease;
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
    tookOverFrom: taken.tookOverFrom,
    leaseDurationSeconds: duration,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      // Not with the run's signal: after a SIGINT it is aborted, and the Lease would stay until it expires.
      await releaseLease(kube.forCleanup(CLEANUP_DEADLINE_MS), identity, lease);
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
