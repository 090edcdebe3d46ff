/** SIGINT while an API call hangs: the in-flight request is aborted and the run ends with 130, journaled. */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.ts';
import { type Faulty, faultySim, journalOf, SERVICES, until } from './_setup.ts';

let f: Faulty | undefined;
afterEach(async () => {
  await f?.stop();
  f = undefined;
});

describe('SIGINT during a hung API call', () => {
  it('a hung PATCH of the switch: exit 130, the interruption journaled with the commands to put traffic back', async () => {
    f = await faultySim([{ method: 'PATCH', path: SERVICES, action: { kind: 'hang' } }]);
    const proxy = f.proxy;
    const child = spawn(process.execPath, [BIN, 'rollback', 'blue-green', '--yes', ...f.flags], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await until(() => proxy.requests().filter((r) => r.action === 'hang').length === 2, 'both PATCHes hang');
    const signalled = performance.now();
    child.kill('SIGINT');
    const code = await exited;
    // Measured for the report, not asserted: the machine is shared.
    console.log(`SIGINT to exit: ${Math.round(performance.now() - signalled)} ms`);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/^error: interrupted by SIGINT/m);
    expect(stderr).toMatch(/traffic may be half switched/);
    expect(stderr).toContain('kubectl patch service marketplace-api-service');
    const journal = await journalOf(f.dir);
    expect(journal.find((l) => l.step === 'switch-traffic' && l.outcome === 'failed')?.details).toMatchObject(
      {
        code: 'E_INTERRUPTED',
      },
    );
    expect(journal.at(-1)).toMatchObject({ step: 'run', outcome: 'failed', details: { exitCode: 130 } });
  });
});
