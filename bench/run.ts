import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Runs one suite in this process; its rows go to `rowsFile` (JSON) for the parent. */
async function runSuite(suite: string, rowsFile: string): Promise<void> {
  const [file, fn] = SUITES.find(([f]) => f === `${suite}.ts`)!;
  const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<
    string,
    () => Promise<BenchRow[]>
  >;
  writeFileSync(rowsFile, JSON.stringify(await mod[fn]!()));
}

/**
 * Each suite in a process of its own, as a person runs one command after another: what a suite leaves in its
 * process (the 5,000-pod sim's heap, warm JIT of the sims' code) no longer weighs on, or helps, the next one.
 */
function spawnSuite(suite: string, rowsFile: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--suite', suite, rowsFile],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('close', resolve);
  });
}

if (process.argv[2] === '--suite') {
  try {
    await runSuite(process.argv[3]!, process.argv[4]!);
    process.exit(0);
  } catch (err) {
    process.stderr.write(`bench: ${process.argv[3]}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

const only = process.argv.slice(2);
const rows: Array<BenchRow & { suite: string }> = [];
const tmp = mkdtempSync(join(tmpdir(), 'bench-rows-'));
for (const [file] of SUITES) {
  const suite = file.replace(/\.ts$/, '');
  if (only.length && !only.includes(suite)) continue;
  if (!existsSync(join(here, file))) continue;
  process.stderr.write(`bench: ${suite}…\n`);
  const rowsFile = join(tmp, `${suite}.json`);
  const code = await spawnSuite(suite, rowsFile);
  if (code !== 0 || !existsSync(rowsFile)) {
    process.stderr.write(`bench: ${suite} failed (exit ${code})\n`);
    process.exitCode = 1;
    continue;
  }
  for (const row of JSON.parse(readFileSync(rowsFile, 'utf8')) as BenchRow[]) rows.push({ ...row, suite });
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
