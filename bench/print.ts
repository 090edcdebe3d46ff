import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultRunbook } from '../packages/core/src/index.ts';
import { outfile, shapingFile } from '../print/bin/build.mjs';
import { barePdf } from '../print/src/baseline.ts';
import { renderPdfSync } from '../print/src/index.ts';
import { forgetCache } from '../tools/code-cache.mjs';
import { type BenchRow, median, timeMedian } from './types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const RUNS = 5;

function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const result = fn();
  return [performance.now() - start, result];
}

/** The same page as barePdf, in plain node: what a process that only loads pdfkit and the fonts costs. */
const BARE_PROCESS = `
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
const require = createRequire(import.meta.url);
const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
for (const [name, file] of [['sans', 'DejaVuSans.ttf'], ['bold', 'DejaVuSans-Bold.ttf'], ['mono', 'DejaVuSansMono.ttf']])
  doc.registerFont(name, require.resolve('dejavu-fonts-ttf/ttf/' + file));
doc.font('bold').fontSize(15).text('Référence rapide');
for (let i = 0; i < 12; i++) doc.font(i % 3 === 2 ? 'mono' : 'sans').fontSize(10.5).text('Suite de la commande');
doc.end();
while (doc.read() !== null);
`;

/** What a rebuild of the print bundle drops: the words the last run shaped and the run's own code cache. */
function forgetPrintCaches(): void {
  rmSync(shapingFile, { force: true });
  forgetCache(outfile, 'print');
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd, stdio: 'ignore', env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
}

/**
 * `pnpm print` as a person types it (both PDFs, one process, measured from outside), the node command it runs,
 * and a bare pdfkit process as the baseline, all in the same run.
 */
export async function benchPrintProcess(): Promise<BenchRow[]> {
  const out = mkdtempSync(join(tmpdir(), 'runbook-bench-print-'));
  try {
    const env = { ...process.env, RUNBOOK_FILE: '' };
    const args = ['--out', out];
    run('pnpm', ['print', ...args], root, env); // builds the bundle if stale, outside the measurement
    const bare = await timeMedian(5, () =>
      run(process.execPath, ['--input-type=module', '-e', BARE_PROCESS], join(root, 'print')),
    );
    const pnpmPrint = await timeMedian(5, () => run('pnpm', ['print', ...args], root, env));
    // After a change to print/ or core, the rebuilt bundle starts with no shaped words and no command code cache.
    const afterChange = await timeMedian(3, () => {
      forgetPrintCaches();
      run('pnpm', ['print', ...args], root, env);
    });
    const nodePrint = await timeMedian(5, () =>
      run(process.execPath, [join(root, 'print', 'bin', 'print.mjs'), ...args], root, env),
    );
    const baselineName = 'bare pdfkit process (one page, same fonts)';
    return [
      {
        name: 'pnpm print (fr + en), as typed',
        value: pnpmPrint,
        unit: 'ms',
        baseline: bare,
        baselineName,
        target: 1000,
      },
      {
        name: 'pnpm print, first run after a source change (no shaped words, base code cache)',
        value: afterChange,
        unit: 'ms',
        baseline: pnpmPrint,
        baselineName: 'pnpm print with its caches',
      },
      {
        name: 'node print/bin/print.mjs (what pnpm print runs)',
        value: nodePrint,
        unit: 'ms',
        baseline: bare,
        baselineName,
      },
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Both PDFs of the plan, against a bare one-page pdfkit document measured in the same run. */
export async function benchPrint(): Promise<BenchRow[]> {
  const runbook = defaultRunbook();
  const now = new Date();
  const both = () => runbook.meta.languages.map((lang) => renderPdfSync(runbook, lang, { now }));
  // The first run pays for parsing the fonts and warming the JIT, as `pnpm print` does.
  const [cold, first] = time(both);
  const [bareCold, bare] = time(barePdf);
  const warm: number[] = [];
  const bareWarm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    warm.push(time(both)[0]);
    bareWarm.push(time(barePdf)[0]);
  }
  const baselineName = 'bare pdfkit A4 page of text, same DejaVu fonts';
  return [
    ...(await benchPrintProcess()),
    {
      name: 'print: fr + en PDFs, first in process',
      value: cold,
      unit: 'ms',
      baseline: bareCold,
      baselineName,
    },
    {
      name: `print: fr + en PDFs, median of ${RUNS}`,
      value: median(warm),
      unit: 'ms',
      baseline: median(bareWarm),
      baselineName,
    },
    ...first.map((r, i) => ({
      name: `print: runbook-${runbook.meta.languages[i]}.pdf size (${r.pages} pages)`,
      value: r.pdf.length,
      unit: 'bytes',
      baseline: bare.length,
      baselineName,
    })),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await benchPrint()) {
    const value = r.unit === 'ms' ? r.value.toFixed(0) : String(r.value);
    const baseline = r.unit === 'ms' ? r.baseline.toFixed(0) : String(r.baseline);
    console.log(`${r.name}: ${value} ${r.unit} (baseline ${baseline} ${r.unit}: ${r.baselineName})`);
  }
}
