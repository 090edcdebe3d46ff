/**
 * The incident as shared state (issue 18), measured as a person meets it, whole processes from outside:
 * `runbook status` against one raw read of the cluster, and one blue-green rollback across three simulated
 * clusters against the same rollback on one, alternating, in the same run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinPlan, defaultRunbook } from '../packages/core/src/index.ts';
import type { SimCluster } from '../packages/sim/src/index.ts';
import { multiClusterKubeconfig, startRunbookSim } from '../test/helpers/sim.ts';
import { type BenchRow, median } from './types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'bin', 'runbook.mjs');
const runbook = defaultRunbook();
const NS = runbook.meta.namespace;
const REGIONS = ['eu-west', 'us-east', 'ap-south'];

/** Async, never spawnSync: the sims answering the child live in this process's event loop. */
function timed(cmd: string, args: string[], codes = [0]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      codes.includes(code ?? -1)
        ? resolve(performance.now() - t0)
        : reject(new Error(`${cmd} ${args.join(' ')}: ${code} ${err}`)),
    );
  });
}

async function toGreen(sims: SimCluster[]): Promise<void> {
  for (const sim of sims)
    for (const app of runbook.meta.apps) {
      const res = await fetch(`${sim.server}/api/v1/namespaces/${NS}/services/${app.service}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ spec: { selector: { [app.colorLabel]: 'green' } } }),
      });
      if (!res.ok) throw new Error(`reset ${app.service}: ${res.status}`);
    }
}

export async function benchIncident(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-incident-'));
  const sims: Record<string, SimCluster> = {};
  try {
    for (const name of REGIONS)
      sims[name] = await startRunbookSim(runbook, { readyDelayMs: 100, traffic: 5 });
    const kubeconfig = join(dir, 'kubeconfig');
    await multiClusterKubeconfig(kubeconfig, sims);
    const plan = structuredClone(builtinPlan) as unknown as {
      meta: { environments: Record<string, object> };
    };
    plan.meta.environments.regions = { ...plan.meta.environments.sim, kubeContext: null, clusters: REGIONS };
    const file = join(dir, 'runbook.json');
    writeFileSync(file, JSON.stringify(plan));
    const common = ['--runbook', file, '--kubeconfig', kubeconfig, '--incidents-dir', join(dir, 'incidents')];
    const one = ['rollback', 'blue-green', '--yes', '--env', 'regions', '--context', 'eu-west', ...common];
    const three = ['rollback', 'blue-green', '--yes', '--env', 'regions', ...common];
    await timed(process.execPath, [bin, '--help']); // builds the bundle if stale, outside the measurement
    const single: number[] = [];
    const multi: number[] = [];
    // Nine pairs: on a 2-core VM with neighbours, medians of five moved by 0.3× between runs.
    for (let i = 0; i < 9; i++) {
      await toGreen(Object.values(sims));
      single.push(await timed(process.execPath, [bin, ...one]));
      await toGreen(Object.values(sims));
      multi.push(await timed(process.execPath, [bin, ...three]));
    }
    const status: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < 7; i++) {
      status.push(
        await timed(process.execPath, [bin, 'status', '--context', 'eu-west', '--env', 'regions', ...common]),
      );
      raw.push(
        await timed('kubectl', [
          '--kubeconfig',
          kubeconfig,
          '--context',
          'eu-west',
          'get',
          'configmaps',
          '-n',
          NS,
        ]),
      );
    }
    const oneMs = median(single);
    return [
      {
        name: 'runbook status (cold process)',
        value: median(status),
        unit: 'ms',
        baseline: median(raw),
        baselineName: 'kubectl get configmaps',
        target: 300,
      },
      {
        name: 'rollback blue-green on 3 clusters at once (cold process)',
        value: median(multi),
        unit: 'ms',
        baseline: oneMs,
        baselineName: 'the same on 1 cluster',
        target: Math.round(1.3 * oneMs),
      },
    ];
  } finally {
    await Promise.all(Object.values(sims).map((s) => s.stop()));
  }
}
