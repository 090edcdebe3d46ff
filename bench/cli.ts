import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchRow, timeMedian } from './types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'bin', 'runbook.mjs');
const library = join(root, 'packages', 'scripts');

const runFile = (file: string, args: string[]) => {
  const result = spawnSync(file, args, { cwd: root, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${result.status}`);
};
const run = (args: string[]) => runFile(process.execPath, args);

/** Cold start of the CLI: a fresh process per call, as a person at a terminal gets. */
export async function benchCli(): Promise<BenchRow[]> {
  run([bin, '--help']); // build the bundle if stale, outside the measurement
  const bare = await timeMedian(9, () => run(['-e', '0']));
  const help = await timeMedian(9, () => run([bin, '--help']));
  const show = await timeMedian(9, () => run([bin, 'show', 'blue-green']));
  // What a person types: the root script, against pnpm's own start-up around the same bin.
  const script = await timeMedian(9, () => runFile(join(root, 'runbook'), ['--help']));
  const viaPnpm = await timeMedian(5, () => runFile('pnpm', ['--silent', 'runbook', '--help']));
  run([join(library, 'bin', 'build.mjs')]); // build dist/ if stale, outside the measurement
  const entry = pathToFileURL(join(library, 'dist', 'index.mjs')).href;
  const importing = await timeMedian(9, () =>
    run(['--input-type=module', '-e', `await import(${JSON.stringify(entry)})`]),
  );
  return [
    {
      name: 'runbook --help cold start',
      value: help,
      unit: 'ms',
      baseline: bare,
      baselineName: 'node -e 0',
      // The goal: 100 ms, and at most 1.6× bare node on the same machine.
      target: Math.min(100, 1.6 * bare),
    },
    {
      name: './runbook --help (the root script, as typed)',
      value: script,
      unit: 'ms',
      baseline: viaPnpm,
      baselineName: 'pnpm runbook --help',
    },
    { name: 'runbook show blue-green', value: show, unit: 'ms', baseline: bare, baselineName: 'node -e 0' },
    {
      name: 'node script importing the library',
      value: importing,
      unit: 'ms',
      baseline: bare,
      baselineName: 'node -e 0',
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await benchCli())
    console.log(
      `${row.name}: ${row.value.toFixed(1)} ${row.unit} (baseline ${row.baselineName}: ${row.baseline.toFixed(1)} ${row.unit})`,
    );
}
