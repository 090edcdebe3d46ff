/** Waiting that an abort signal (SIGINT, SIGTERM) cuts short. */
import { RunbookError } from '@runbook/core';

/** Thrown when a run is interrupted by a signal; a signal aborted with a typed error (a deadline) throws that. */
export function interrupted(signal?: AbortSignal): RunbookError {
  if (signal?.reason instanceof RunbookError) return signal.reason;
  const why = signal?.reason instanceof Error ? signal.reason.message : 'interrupted';
  return new RunbookError('E_INTERRUPTED', why, 130);
}

/** Resolves after `ms`, or rejects with E_INTERRUPTED when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(interrupted(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(interrupted(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
