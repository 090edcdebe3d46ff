/**
 * The sim at scale (issue 17): `kubectl get pods` at 1k and 5k pods, the wait of a request sent right after a
 * blue-green switch, and the heap across 160 switches. The sim runs in its own process, as `runbook sim up`
 * does, so every figure is what a client outside it meets. This file is also that process (BENCH_SIM_PODS set).
 * Run alone: `node --conditions=source --import tsx bench/sim-scale.ts`; BENCH_SIM_DEBUG=1 prints every GET's
 * wait, BENCH_SIM_PROF=1 writes CPU profiles of the sim processes to /tmp/prof.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimCluster, type WorldApp } from '../packages/sim/src/index.ts';
import { type BenchRow, median } from './types.ts';

const NS = 'scale';
const APP = 'web';
const SWITCHES = 160;
const WARMUP = 4;

/** One app, green and blue Deployments of pods/2 replicas each: `pods` pods in all. */
function world(pods: number): WorldApp[] {
  return [
    {
      name: APP,
      container: 'web',
      imageRepo: 'example/web',
      replicas: Math.max(1, Math.round(pods / 2)),
      blueTag: 'v1',
      greenHistory: ['v2'],
      targetPort: 8080,
    },
  ];
}

async function childMain(pods: number, kubeconfig: string): Promise<void> {
  const sim = await startSimCluster({
    namespace: NS,
    world: world(pods),
    kubeconfig,
    readyDelayMs: 0,
    traffic: 0,
  });
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (m) => {
    if (m !== 'heap') return;
    gc?.();
    gc?.();
    process.send?.({ heap: process.memoryUsage().heapUsed });
  });
  process.on('disconnect', () => void sim.stop().then(() => process.exit(0)));
  process.stdout.write(`${JSON.stringify({ ready: true, server: sim.server })}\n`);
}

interface Child {
  proc: ChildProcess;
  server: string;
  kubeconfig: string;
  heap(): Promise<number>;
  stop(): Promise<void>;
}

async function startChild(pods: number): Promise<Child> {
  const kubeconfig = join(tmpdir(), `bench-scale-${process.pid}-${pods}.yaml`);
  const proc = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SIM_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      '--expose-gc',
      '--conditions=source',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_SIM_PODS: String(pods), BENCH_SIM_KUBECONFIG: kubeconfig },
    },
  );
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  while (!out.includes('\n')) {
    if (proc.exitCode !== null) throw new Error(`sim child (${pods} pods) exited ${proc.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const { server } = JSON.parse(out.split('\n')[0]!) as { server: string };
  return {
    proc,
    server,
    kubeconfig,
    async heap() {
      proc.send('heap');
      const [m] = (await once(proc, 'message')) as [{ heap: number }];
      return m.heap / 2 ** 20;
    },
    async stop() {
      proc.disconnect();
      if (proc.exitCode === null) await once(proc, 'exit');
    },
  };
}

/** `kubectl get pods` as a person types it (500-item pages), median wall time of `runs`; checks the row count. */
async function kubectlGetPods(c: Child, pods: number, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const p = spawn('kubectl', ['--kubeconfig', c.kubeconfig, '-n', NS, 'get', 'pods'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let lines = 0;
    p.stdout!.on('data', (d: Buffer) => {
      for (const b of d) if (b === 10) lines++;
    });
    const [code] = await once(p, 'close');
    times.push(performance.now() - t0);
    if (code !== 0 || lines !== pods + 1)
      throw new Error(`kubectl get pods: exit ${code}, ${lines - 1} rows, want ${pods}`);
  }
  return median(times);
}

/**
 * Flips the Service between the colours `SWITCHES` times; after each PATCH answers, times one GET (what waits
 * behind the endpoints controller), then waits until the Endpoints list the new colour. Returns the slowest GET.
 */
async function switches(c: Child, pods: number): Promise<number> {
  const svc = `${c.server}/api/v1/namespaces/${NS}/services/${APP}-service`;
  const ep = `${c.server}/api/v1/namespaces/${NS}/endpoints/${APP}-service`;
  let worst = 0;
  for (let i = 0; i < SWITCHES; i++) {
    const color = i % 2 ? 'green' : 'blue';
    const res = await fetch(svc, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { selector: { version: color } } }),
    });
    if (!res.ok) throw new Error(`switch: ${res.status}`);
    await res.arrayBuffer();
    const t0 = performance.now();
    await (await fetch(svc)).arrayBuffer();
    // The first switches warm the process up (code compiled on first use); they are not a controller's wait.
    if (i >= WARMUP) worst = Math.max(worst, performance.now() - t0);
    if (process.env.BENCH_SIM_DEBUG)
      process.stderr.write(`${pods} ${i} ${(performance.now() - t0).toFixed(1)}\n`);
    const prefix = color === 'blue' ? `${APP}-blue-` : `${APP}-`;
    for (;;) {
      const body = (await (await fetch(ep)).json()) as {
        subsets?: Array<{ addresses?: Array<{ targetRef: { name: string } }> }>;
      };
      const addrs = body.subsets?.[0]?.addresses ?? [];
      const name = addrs[0]?.targetRef.name ?? '';
      if (
        addrs.length === Math.round(pods / 2) &&
        name.startsWith(prefix) &&
        (color === 'blue') === name.startsWith(`${APP}-blue-`)
      )
        break;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return worst;
}

const r1 = (n: number) => Number(n.toFixed(1));

export async function benchScale(): Promise<BenchRow[]> {
  const small = await startChild(10);
  const smallWait = await switches(small, 10);
  await small.stop();
  const k1 = await startChild(1000);
  const get1k = await kubectlGetPods(k1, 1000, 5);
  await k1.stop();
  const k5 = await startChild(5000);
  try {
    const get5k = await kubectlGetPods(k5, 5000, 5);
    const heapBefore = await k5.heap();
    const wait5k = await switches(k5, 5000);
    const heapAfter = await k5.heap();
    return [
      {
        name: '`kubectl get pods` at 5k pods (median of 5)',
        value: r1(get5k),
        unit: 'ms',
        baseline: r1(get1k),
        baselineName: 'same at 1k pods',
        target: r1(6 * get1k),
      },
      {
        name: `slowest GET right after a switch onto 2.5k of 5k pods (${SWITCHES} switches)`,
        value: r1(wait5k),
        unit: 'ms',
        baseline: r1(smallWait),
        baselineName: 'same at 10 pods',
        target: 50,
      },
      {
        name: `sim heap after ${SWITCHES} switches at 5k pods (after gc)`,
        value: r1(heapAfter),
        unit: 'MB',
        baseline: r1(heapBefore),
        baselineName: 'heap before them',
        target: r1(2 * heapBefore),
      },
    ];
  } finally {
    await k5.stop();
  }
}

if (process.env.BENCH_SIM_PODS)
  await childMain(Number(process.env.BENCH_SIM_PODS), process.env.BENCH_SIM_KUBECONFIG!);
else if (process.argv[1] === fileURLToPath(import.meta.url)) console.table(await benchScale());
