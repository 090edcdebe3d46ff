import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Each benchmark module exports one function returning rows; a missing module is skipped, not faked. */
const SUITES: Array<[file: string, fn: string]> = [
  ['cli.ts', 'benchCli'],
  ['sim.ts', 'benchSim'],
  ['rollback.ts', 'benchRollback'],
  ['incident.ts', 'benchIncident'],
  ['decide.ts', 'benchDecide'],
  ['db.ts', 'benchDb'],
  ['print.ts', 'benchPrint'],
  ['site.ts', 'benchSite'],
  ['start.ts', 'benchStart'],
];

const only = process.argv.slice(2);
const rows: Array<BenchRow & { suite: string }> = [];
for (const [file, fn] of SUITES) {
  const suite = file.replace(/\.ts$/, '');
  if (only.length && !only.includes(suite)) continue;
  const path = join(here, file);
  if (!existsSync(path)) continue;
  process.stderr.write(`bench: ${suite}…\n`);
  const mod = (await import(pathToFileURL(path).href)) as Record<string, () => Promise<BenchRow[]>>;
  try {
    for (const row of await mod[fn]!()) rows.push({ ...row, suite });
  } catch (err) {
    process.stderr.write(`bench: ${suite} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(Math.abs(n) >= 10 ? 1 : 2));
const lines = [
  '# Benchmark results',
  '',
  `Measured by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, each figure against a baseline measured in the same run.`,
  '',
  '| suite | figure | value | baseline | ratio | target |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.suite} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baselineName}: ${fmt(r.baseline)} ${r.unit} | ${r.baseline ? (r.value / r.baseline).toFixed(2) : '—'} | ${r.target === undefined ? '' : `${r.value <= r.target ? 'met' : 'MISSED'} (≤ ${fmt(r.target)} ${r.unit})`} |`,
  ),
];
const out = join(here, 'results.md');
writeFileSync(out, `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n\nwritten to ${out}\n`);
