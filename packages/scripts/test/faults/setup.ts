/** The sim behind a fault-injection proxy, and the CLI driven through it, for the procedures' fault tests. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { type FaultProxy, type FaultRule, type SimCluster, startFaultProxy } from '@runbook/sim';
import { BIN } from '../../../../test/helpers/cli.ts';
import { type RunbookSimOptions, startRunbookSim } from '../../../../test/helpers/sim.ts';

export const NS = 'topsteel-marketplace';
export const API = 'marketplace-api-service';
export const WEB = 'marketplace-web-service';
/** Both Services, as the blue-green switch patches them. */
export const SERVICES = new RegExp(`^/api/v1/namespaces/${NS}/services/[^/]+$`);

export interface Faulty {
  sim: SimCluster;
  proxy: FaultProxy;
  /** A kubeconfig pointing at the proxy. */
  kubeconfig: string;
  /** The incidents directory. */
  dir: string;
  /** `--kubeconfig` and `--incidents-dir` for the CLI. */
  flags: string[];
  stop(): Promise<void>;
}

export async function faultySim(rules: FaultRule[] = [], options: RunbookSimOptions = {}): Promise<Faulty> {
  const sim = await startRunbookSim(defaultRunbook(), { readyDelayMs: 150, ...options });
  const proxy = await startFaultProxy({ upstream: sim.server, rules });
  const dir = await mkdtemp(join(tmpdir(), 'runbook-faults-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const text = await readFile(sim.kubeconfig, 'utf8');
  await writeFile(kubeconfig, text.replace(sim.server, proxy.url), { mode: 0o600 });
  const incidents = join(dir, 'incidents');
  return {
    sim,
    proxy,
    kubeconfig,
    dir: incidents,
    flags: ['--kubeconfig', kubeconfig, '--incidents-dir', incidents],
    async stop() {
      await proxy.close();
      await sim.stop();
    },
  };
}

export const selectorOf = (sim: SimCluster, service: string) =>
  sim.get('service', NS, service)?.spec?.selector as Record<string, string> | undefined;

export { journalOf, type Line } from '../../../../test/helpers/journal.ts';

/** Polls until `check` holds (generous deadline: this is a condition, not a timing). */
export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts the switch, interrupts it once both PATCHes hang, and waits for the exit. */
export async function interruptedSwitch(f: Faulty): Promise<{ code: number | null; stderr: string }> {
  const proxy = f.proxy;
  const child = spawn(process.execPath, [BIN, 'rollback', 'blue-green', '--yes', ...f.flags], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await until(
    () => proxy.requests().filter((r) => SERVICES.test(r.path) && r.action === 'hang').length === 2,
    'both PATCHes hang',
  );
  const signalled = performance.now();
  child.kill('SIGINT');
  const code = await exited;
  // Measured for the report, not asserted: the machine is shared.
  console.log(`SIGINT to exit: ${Math.round(performance.now() - signalled)} ms`);
  return { code, stderr };
}
