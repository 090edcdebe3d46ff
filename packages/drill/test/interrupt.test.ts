/** Ctrl-C during the drill: the procedures get the run's signal, the cleanup still runs, exit 130. */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../../../test/helpers/cli.ts';
import { NO_DB } from '../../../test/helpers/drill.ts';
import { type Faulty, faultySim, journalOf, NS, SERVICES, until } from '../../scripts/test/faults/setup.ts';

let f: Faulty | undefined;
afterEach(async () => {
  await f?.stop();
  f = undefined;
});

interface Running {
  stdout(): string;
  stderr(): string;
  /** Sends SIGINT and resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

function startDrill(args: string[]): Running {
  const child = spawn(process.execPath, [BIN, 'drill', '--skip-build', ...args], {
    env: { ...process.env, NO_COLOR: '1', ...NO_DB },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    async interrupt() {
      const signalled = performance.now();
      child.kill('SIGINT');
      const code = await exited;
      // Measured for the report, not asserted: the machine is shared.
      console.log(`SIGINT to exit: ${Math.round(performance.now() - signalled)} ms`);
      return code;
    },
  };
}

describe('SIGINT during the drill', () => {
  it('on the embedded sim, once decide reports: exit 130, and it says where the journal is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runbook-drill-int-'));
    const drill = startDrill(['--incidents-dir', dir]);
    await until(() => /^\s*decide: /m.test(drill.stderr()), 'a decide progress line');
    const code = await drill.interrupt();
    expect(code, drill.stderr()).toBe(130);
    expect(drill.stdout()).toMatch(new RegExp(`^\\s+journal\\s+${dir}/\\S+/journal\\.jsonl$`, 'm'));
    // Where it stopped depends on when the signal lands (decide may trip on its first breach); not that.
    expect((await journalOf(dir)).at(-1)).toMatchObject({
      step: 'run',
      outcome: 'failed',
      details: { exitCode: 130 },
    });
  }, 120_000);

  it('on a cluster whose switch PATCH hangs: the request is aborted, exit 130, the Lease released', async () => {
    f = await faultySim([{ method: 'PATCH', path: SERVICES, action: { kind: 'hang' } }], { traffic: 40 });
    // The drill injects no fault into a cluster that is not its own: the test breaks green itself.
    f.sim.setFault('green', { errorRate: 0.2 });
    const proxy = f.proxy;
    const drill = startDrill(['--context', 'sim', '--yes', ...f.flags]);
    await until(
      () => proxy.requests().filter((r) => SERVICES.test(r.path) && r.action === 'hang').length === 2,
      'both switch PATCHes hang',
    );
    const code = await drill.interrupt();
    expect(code, drill.stderr()).toBe(130);
    expect(drill.stdout()).toMatch(/^\s+journal\s+\S+\/journal\.jsonl$/m);
    const hung = proxy.requests().filter((r) => r.action === 'hang');
    expect(hung.every((r) => r.closedEarly)).toBe(true);
    expect(f.sim.get('lease', NS, 'runbook-rollback')).toBeFalsy();
    expect((await journalOf(f.dir)).at(-1)).toMatchObject({ step: 'run', details: { exitCode: 130 } });
  }, 120_000);
});
