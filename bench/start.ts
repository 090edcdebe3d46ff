import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchRow, median } from './types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 3;

/**
 * `pnpm start` with the site and PDFs already built, as a person types it, against the same drill with
 * `--skip-build` in the same run: the difference is the freshness check alone.
 */
export async function benchStart(): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'runbook-bench-start-'));
  const env = {
    ...process.env,
    NO_COLOR: '1',
    RUNBOOK_SITE_DIR: join(work, 'site'),
    RUNBOOK_PDF_DIR: join(work, 'pdf'),
  };
  const run = (args: string[]): number => {
    const incidents = mkdtempSync(join(work, 'incidents-'));
    const start = performance.now();
    const r = spawnSync('pnpm', ['start', '--incidents-dir', incidents, ...args], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
    if (r.status !== 0) throw new Error(`pnpm start ${args.join(' ')} exited ${r.status}`);
    return performance.now() - start;
  };
  try {
    run([]); // builds the site and PDFs, outside the measurement
    const built: number[] = [];
    const skip: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      built.push(run([]));
      skip.push(run(['--skip-build']));
    }
    return [
      {
        name: 'pnpm start, site and PDFs built',
        value: median(built),
        unit: 'ms',
        baseline: median(skip),
        baselineName: 'pnpm start --skip-build',
        target: 2500,
      },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
