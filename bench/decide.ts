import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRunbook } from '../packages/core/src/index.ts';
import { createPrometheusClient } from '../packages/scripts/src/adapters/prometheus.ts';
import { decide, prometheusSource } from '../packages/scripts/src/procedures/decide.ts';
import { startPrometheus, waitForQuery } from '../test/helpers/prometheus.ts';
import { startRunbookSim } from '../test/helpers/sim.ts';
import { type BenchRow, timeMedian } from './types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'bin', 'runbook.mjs');
const RUNS = 15;

/**
 * One `decide` against a real Prometheus scraping the sim (every criterion: one query_range each, in
 * parallel, then the evaluation), against one raw `/api/v1/query` round trip measured in the same run.
 */
export async function benchDecide(): Promise<BenchRow[]> {
  const runbook = defaultRunbook();
  const sim = await startRunbookSim(runbook);
  const prom = await startPrometheus({ targets: Object.values(sim.services) });
  try {
    await waitForQuery(prom.url, 'sum(rate(http_requests_total[1m]))', 30_000);
    const client = createPrometheusClient(prom.url);
    const source = prometheusSource(client);
    const query = `${prom.url}/api/v1/query?query=${encodeURIComponent('up')}`;
    const raw = () => fetch(query).then((r) => r.json());
    await raw();
    // Every criterion needs its series scraped at least twice (a rate); the slowest route may lag the first query.
    const healthy = async () => {
      const r = await decide(runbook, source, { lang: 'en' });
      return { r, ok: !r.rows.some((row) => row.kind === 'metric' && row.verdict !== 'ok') };
    };
    let first = await healthy();
    for (const until = Date.now() + 60_000; !first.ok && Date.now() < until; first = await healthy())
      await new Promise((resolve) => setTimeout(resolve, 1000));
    if (!first.ok) {
      throw new Error(
        `decide is not measuring a healthy cluster: ${JSON.stringify(first.r.rows.map((r) => [r.criterion, r.verdict]))}`,
      );
    }
    const roundTrip = await timeMedian(RUNS, raw);
    const inProcess = await timeMedian(RUNS, () => decide(runbook, source, { lang: 'en' }));
    const file = join(mkdtempSync(join(tmpdir(), 'bench-decide-')), 'runbook.json');
    writeFileSync(file, JSON.stringify(runbook));
    spawnSync(process.execPath, [bin, '--help'], { cwd: root, stdio: 'ignore' }); // rebuild outside the timing
    const cli = await timeMedian(5, () => {
      const r = spawnSync(process.execPath, [bin, 'decide', '--prometheus', prom.url, '--json'], {
        cwd: root,
        stdio: 'ignore',
      });
      if (r.status !== 0) throw new Error(`runbook decide exited ${r.status}`);
    });
    return [
      {
        name: 'decide against Prometheus, all criteria (in process)',
        value: inProcess,
        unit: 'ms',
        baseline: roundTrip,
        baselineName: 'one raw /api/v1/query round trip',
        target: 300,
      },
      {
        name: 'runbook decide --prometheus (CLI, cold process)',
        value: cli,
        unit: 'ms',
        baseline: roundTrip,
        baselineName: 'one raw /api/v1/query round trip',
        target: 200,
      },
    ];
  } finally {
    await prom.stop();
    await sim.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await benchDecide()) {
    console.log(
      `${row.name}: ${row.value.toFixed(1)} ${row.unit} (baseline ${row.baselineName}: ${row.baseline.toFixed(1)} ${row.unit})`,
    );
  }
}
