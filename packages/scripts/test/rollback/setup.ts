/** An in-process sim and the dependencies procedures take, for tests of issue 4. */

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook } from '@runbook/core';
import type { SimCluster } from '@runbook/sim';
import { receiver, texts } from '../../../../test/helpers/receiver.ts';
import { type RunbookSimOptions, startRunbookSim } from '../../../../test/helpers/sim.ts';
import { type Connection, connect } from '../../src/connect.ts';
import type { Journal } from '../../src/journal.ts';
import type { ProcedureDeps } from '../../src/procedures/deps.ts';

export const NS = 'topsteel-marketplace';

export async function startSim(options: RunbookSimOptions = {}): Promise<SimCluster> {
  return startRunbookSim(defaultRunbook(), { readyDelayMs: 150, ...options });
}

export interface TestDeps extends ProcedureDeps {
  journal: Journal;
  logs: string[];
  outs: string[];
  dir: string;
}

const open: Connection[] = [];

/** Closes the connections makeDeps opened (call in afterEach). */
export async function closeJournals(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close('ok').catch(() => {})));
}

/** Dependencies as the CLI builds them (through `connect()`), around a sim; `--yes` is implied. */
export async function makeDeps(sim: SimCluster, overrides: Partial<ProcedureDeps> = {}): Promise<TestDeps> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-test-'));
  const logs: string[] = [];
  const outs: string[] = [];
  const conn = await connect({
    kubeconfig: sim.kubeconfig,
    env: 'sim',
    lang: 'en',
    incidentsDir: dir,
    command: 'test',
    dryRun: overrides.dryRun,
    yes: true,
    escalation: false,
    processEnv: {},
    log: (l) => logs.push(l),
    out: (l) => outs.push(l),
  });
  open.push(conn);
  return { ...conn.deps, journal: conn.journal, ...overrides, logs, outs, dir } as TestDeps;
}

export const selectorOf = (sim: SimCluster, service: string) =>
  sim.get('service', NS, service)?.spec?.selector;

export const mutations = (sim: SimCluster) => sim.requestLog.filter((r) => r.method !== 'GET');

/** A local Slack-compatible webhook on 127.0.0.1, its URL carrying a token that must never be printed. */
export async function webhookReceiver(): Promise<{
  url: string;
  readonly messages: string[];
  close(): Promise<void>;
}> {
  const r = await receiver();
  return {
    url: `${r.url}/services/T0/B0/s3cr3t-hook-token`,
    get messages() {
      return texts(r.received);
    },
    close: r.close,
  };
}
