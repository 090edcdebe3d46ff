/** verify's critical-path tests as a command: real children through the process runner. */
import { RunbookError } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { runCriticalTests } from '../../src/procedures/critical-tests.ts';

const node = (script: string, ...args: string[]) => [process.execPath, '-e', script, '--', ...args];

describe('critical tests command', () => {
  it('passes on exit 0 and says what ran', async () => {
    const r = await runCriticalTests(node('console.log("12 passed")'), 60_000);
    expect(r.ok).toBe(true);
    expect(r.detail).toMatch(/ → exit 0 in \d+\.\d s$/);
  });

  it('fails on a non-zero exit, with the last output lines and no secret from its flags', async () => {
    const r = await runCriticalTests(
      node('console.log("a\\nb\\nc\\nd: checkout broken"); process.exit(2)', '--api-token', 'tok-3141592'),
      60_000,
    );
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/--api-token \[redacted\] → exit 2 in \d+\.\d s: b \| c \| d: checkout broken$/);
    expect(r.detail).not.toContain('tok-3141592');
  });

  it('fails when the deadline passes, saying so', async () => {
    const r = await runCriticalTests(node('setInterval(() => {}, 1000)'), 200);
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/ → timed out after \d+\.\d s in /);
  });

  it('a command that does not exist is an infrastructure error (exit 5), not a failed check', async () => {
    const e = await runCriticalTests(['no-such-test-runner-xyz', 'run'], 60_000).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(RunbookError);
    expect([(e as RunbookError).code, (e as RunbookError).exitCode]).toEqual(['E_TOOL_MISSING', 5]);
    expect((e as RunbookError).message).toBe('no-such-test-runner-xyz not found');
  });
});
