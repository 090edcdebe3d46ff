/** Runs a rollback under the namespace Lease, released at the end, failures included. */
import { RunbookError } from '@runbook/core';
import { acquireRollbackLock, LEASE_NAME, LOCK_STEP, removeLockCommand } from '../lock.ts';
import type { ProcedureDeps } from './deps.ts';

export async function withRollbackLock<T>(
  deps: ProcedureDeps,
  alreadyHeld: boolean | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (alreadyHeld || deps.dryRun) return fn();
  // Without a terminal or --yes the destructive step will be refused: say so before taking the lock.
  if (deps.confirm.refusesAll) await deps.confirm('roll back');
  const lock = await acquireRollbackLock(deps.kube, { identity: deps.lockIdentity });
  if (lock.tookOverFrom) deps.log(`lock: took over the stale lease of ${lock.tookOverFrom}`);
  // Journaled: who held the namespace when, and from whom a stale lock was taken over.
  const hands = lock.tookOverFrom ? { from: lock.tookOverFrom, to: lock.identity } : {};
  await deps.journal.check(LOCK_STEP, {}, () => ({ holder: lock.identity, ...hands }));
  try {
    return await fn();
  } finally {
    // One line, and no wait beyond the release's own deadline: the run may be ending on a SIGINT.
    await lock.release().catch((err: Error) => {
      // The rollback itself is done: a lock left behind warns (with RBAC's hint), it does not fail the run.
      const hint = err instanceof RunbookError && err.code === 'E_FORBIDDEN' ? `\nhint: ${err.hint}` : '';
      deps.log(
        `warning: the lock may remain (lease ${LEASE_NAME} not released: ${err.message}); it expires ${lock.leaseDurationSeconds} s after its last renewal, or remove it: ${removeLockCommand(deps.kube)}${hint}`,
      );
    });
  }
}
