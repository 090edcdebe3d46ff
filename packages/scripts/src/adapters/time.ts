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

/** What a request's own deadline aborts it with, as `AbortSignal.timeout` does. */
function timeoutError(ms: number): DOMException {
  return new DOMException(`no answer within ${ms} ms`, 'TimeoutError');
}

/** One request's signal and what ends it. */
export interface RequestDeadline {
  signal: AbortSignal;
  /** Clears the timer and stops listening to the run's signal: call it once the request (body read) is over. */
  done(): void;
}

/**
 * One request's abort signal: its own timeout or the run's signal (SIGINT, SIGTERM), whichever comes first.
 * Not `AbortSignal.any([AbortSignal.timeout(ms), run])`: on Node 20 the timeout signal is only weakly held,
 * so once garbage-collected it never fires and a request to a silent server waits forever. Here the timer
 * holds its controller.
 */
export function requestDeadline(timeoutMs: number, run?: AbortSignal): RequestDeadline {
  const controller = new AbortController();
  const onRun = () => controller.abort(run?.reason);
  const timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs);
  if (run?.aborted) controller.abort(run.reason);
  else run?.addEventListener('abort', onRun, { once: true });
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      run?.removeEventListener('abort', onRun);
    },
  };
}

/**
 * Deadlines for requests whose end the caller never sees (client-node's middleware has no hook on failure):
 * each is dropped when its timer fires, and one listener on the run's signal aborts those still pending.
 */
export function deadlinePool(run?: AbortSignal): (timeoutMs: number) => AbortSignal {
  const pending = new Set<AbortController>();
  run?.addEventListener('abort', () => {
    for (const controller of pending) controller.abort(run.reason);
  });
  return (timeoutMs) => {
    const controller = new AbortController();
    if (run?.aborted) {
      controller.abort(run.reason);
      return controller.signal;
    }
    pending.add(controller);
    setTimeout(() => {
      pending.delete(controller);
      controller.abort(timeoutError(timeoutMs));
    }, timeoutMs).unref();
    return controller.signal;
  };
}
