/** Waiting that an abort signal (SIGINT, SIGTERM) cuts short. */
import { RunbookError } from '@runbook/core';

/** Thrown when a run is interrupted by a signal. */
export function interrupted(signal?: AbortSignal): RunbookError {
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
