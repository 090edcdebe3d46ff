import { pathToFileURL } from 'node:url';
import { defaultRunbook } from '../packages/core/src/index.ts';
import { barePdf } from '../print/src/baseline.ts';
import { renderPdfSync } from '../print/src/index.ts';
import { type BenchRow, median } from './types.ts';

const RUNS = 5;

function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const result = fn();
  return [performance.now() - start, result];
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
