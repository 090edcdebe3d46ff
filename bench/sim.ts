/** Benchmarks of the simulated cluster: start time, service PATCH round trip, memory. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultRunbook } from '../packages/core/src/index.ts';
import { startRunbookSim } from '../test/helpers/sim.ts';
import { benchScale } from './sim-scale.ts';
import { type BenchRow, median } from './types.ts';

// client-node is a dependency of the sim package only; resolve it from there.
type ClientNode = typeof import('../packages/sim/node_modules/@kubernetes/client-node/dist/index.js');
async function loadClientNode(): Promise<ClientNode> {
  const require = createRequire(new URL('../packages/sim/package.json', import.meta.url));
  return (await import(pathToFileURL(require.resolve('@kubernetes/client-node')).href)) as ClientNode;
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

async function bareServerStartMs(): Promise<number> {
  const t0 = performance.now();
  const server = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ms = performance.now() - t0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return ms;
}

export async function benchSim(): Promise<BenchRow[]> {
  const { CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } = await loadClientNode();
  const runs = 7;
  const rssBefore = process.memoryUsage().rss;
  const bare: number[] = [];
  const starts: number[] = [];
  const runbook = defaultRunbook();
  for (let i = 0; i < runs; i++) {
    bare.push(await bareServerStartMs());
    const t0 = performance.now();
    const c = await startRunbookSim(runbook, { traffic: 0 });
    starts.push(performance.now() - t0);
    await c.stop();
  }

  const sim = await startRunbookSim(runbook, { readyDelayMs: 0 });
  const rssAfter = process.memoryUsage().rss;
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = sim.namespace;
    const name = 'marketplace-api-service';
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const n = 200;
    const gets: number[] = [];
    const patches: number[] = [];
    for (let i = 0; i < 20; i++) await core.readNamespacedService({ name, namespace });
    for (let i = 0; i < n; i++) {
      let t0 = performance.now();
      await core.readNamespacedService({ name, namespace });
      gets.push(performance.now() - t0);
      const body = { spec: { selector: { version: i % 2 ? 'green' : 'blue' } } };
      t0 = performance.now();
      await core.patchNamespacedService({ name, namespace, body }, merge);
      patches.push(performance.now() - t0);
    }
    return [
      {
        name: 'sim start (median of 7)',
        value: round(median(starts)),
        unit: 'ms',
        baseline: round(median(bare)),
        baselineName: 'bare node:http listen',
        target: 1000,
      },
      {
        name: 'service PATCH round trip (client-node, median of 200)',
        value: round(median(patches)),
        unit: 'ms',
        baseline: round(median(gets)),
        baselineName: 'service GET round trip',
        target: 5,
      },
      {
        name: 'RSS added by the sim in this process',
        value: round((rssAfter - rssBefore) / 2 ** 20, 1),
        unit: 'MB',
        baseline: round(rssBefore / 2 ** 20, 1),
        baselineName: 'process RSS before start',
      },
      await idleRss(),
      ...(await benchScale()),
    ];
  } finally {
    await sim.stop();
  }
}

/** `runbook sim up` as a person runs it: its resident memory after 3 s idle (with the synthetic traffic). */
async function idleRss(): Promise<BenchRow> {
  const rssOf = (pid: number) =>
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
  const idle = async (args: string[], ready: (out: string) => boolean) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const deadline = Date.now() + 15_000;
    while (!ready(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 3000));
    const rss = rssOf(child.pid!);
    child.kill('SIGTERM');
    await once(child, 'close');
    return rss;
  };
  const bin = fileURLToPath(new URL('../packages/cli/bin/runbook.mjs', import.meta.url));
  const sim = await idle(
    [bin, 'sim', 'up', '--kubeconfig', join(tmpdir(), `bench-sim-${process.pid}.yaml`)],
    (o) => o.includes('"ready":true'),
  );
  const bare = await idle(['-e', 'console.log("ready"); setInterval(() => {}, 1000)'], (o) =>
    o.includes('ready'),
  );
  return {
    name: 'runbook sim up, idle RSS',
    value: round(sim, 1),
    unit: 'MB',
    baseline: round(bare, 1),
    baselineName: 'idle bare node process',
    target: 100,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchSim();
  console.log('| benchmark | value | baseline |');
  console.log('|---|---|---|');
  for (const r of results)
    console.log(`| ${r.name} | ${r.value} ${r.unit} | ${r.baseline} ${r.unit} (${r.baselineName}) |`);
}
