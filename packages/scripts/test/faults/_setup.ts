/** The sim behind a fault-injection proxy, and the CLI driven through it, for the procedures' fault tests. */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import { type FaultProxy, type FaultRule, type SimCluster, startFaultProxy } from '@runbook/sim';
import { type RunbookSimOptions, startRunbookSim } from '../helpers/sim.ts';

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

export interface Line {
  step: string;
  outcome: string;
  details: Record<string, unknown>;
}

/** The journal of the only incident in `dir`. */
export async function journalOf(dir: string): Promise<Line[]> {
  const [id] = await readdir(dir).catch(() => []);
  if (!id) return [];
  const text = await readFile(join(dir, id, 'journal.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Polls until `check` holds (generous deadline: this is a condition, not a timing). */
export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
