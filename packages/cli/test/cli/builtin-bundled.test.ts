import { defaultRunbook } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';

// The CLI's bundle carries the built-in runbook as its build parsed it, instead of parsing it on every start:
// what a command sees must be what parsing the sources gives now.
describe('the built-in runbook in the CLI bundle', () => {
  it('is the runbook core parses from the sources, field for field', async () => {
    const r = await runCli(['export', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(defaultRunbook())));
  });
});
