/** Asserting on the typed errors a call rejects with. */
import { RunbookError } from '@runbook/core';
import { expect } from 'vitest';

/** The RunbookError `p` rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(p: Promise<unknown>): Promise<RunbookError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RunbookError);
  return e as RunbookError;
}
