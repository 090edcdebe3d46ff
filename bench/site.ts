import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { defaultRunbook } from '../packages/core/src/index.ts';
import { generateSite } from '../site/src/build/generate.ts';
import { siteInput } from '../site/src/build/load.ts';
import { buildSite, htmlFiles } from '../test/site/helpers/build.ts';
import type { BenchRow } from './types.ts';

/** A page's own bytes: its HTML, stylesheets and scripts with their static imports; the search index is excluded. */
export function pageWeight(dist: string, htmlFile: string): number {
  const seen = new Set<string>();
  const add = (file: string): number => {
    if (seen.has(file) || !existsSync(file) || file.includes(`${join(dist, 'pagefind')}`)) return 0;
    seen.add(file);
    let bytes = statSync(file).size;
    if (file.endsWith('.js')) {
      const js = readFileSync(file, 'utf8');
      for (const m of js.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g))
        bytes += add(resolve(dirname(file), m[1]!));
    }
    return bytes;
  };
  const html = readFileSync(join(dist, htmlFile), 'utf8');
  let bytes = add(join(dist, htmlFile));
  for (const m of html.matchAll(/<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="(\/[^"]+)"/g)) {
    bytes += add(join(dist, m[1]!));
  }
  return bytes;
}

/** The built-in runbook with its procedures repeated `times` times (new ids), as a JSON file for RUNBOOK_FILE. */
export function scaledRunbookFile(dir: string, times: number): string {
  const runbook = structuredClone(defaultRunbook());
  const procedures = [...runbook.procedures];
  for (let i = 2; i <= times; i++)
    for (const p of procedures) runbook.procedures.push({ ...structuredClone(p), id: `${p.id}-x${i}` });
  const file = join(dir, `runbook-x${times}.json`);
  writeFileSync(file, JSON.stringify(runbook));
  return file;
}

function heaviestPage(outDir: string): { f: string; kb: number } {
  const weights = htmlFiles(outDir).map((f) => ({ f, kb: pageWeight(outDir, f) / 1024 }));
  return weights.reduce((a, b) => (b.kb > a.kb ? b : a));
}

/**
 * Full build time against the 60 s budget (an empty Starlight build is too slow to run as a second
 * reference), the share of it spent generating Markdown from the runbook, and the heaviest page.
 */
export async function benchSite(): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'runbook-bench-site-'));
  try {
    let start = performance.now();
    generateSite(siteInput({}), join(work, 'gen'));
    const generateMs = performance.now() - start;

    const outDir = join(work, 'dist');
    start = performance.now();
    await buildSite({ outDir, env: { RUNBOOK_FILE: '', RUNBOOK_PUBLIC: '' } });
    const buildMs = performance.now() - start;

    const heaviest = heaviestPage(outDir);

    // The same build as a person runs it on a runbook ten times the size: it must grow with the runbook, not
    // with its square (the footer parsed the whole runbook on every page).
    const file = scaledRunbookFile(work, 10);
    const outX10 = join(work, 'dist-x10');
    start = performance.now();
    await buildSite({ outDir: outX10, env: { RUNBOOK_FILE: file, RUNBOOK_PUBLIC: '' } });
    const x10Ms = performance.now() - start;
    const heaviestX10 = heaviestPage(outX10);
    return [
      {
        name: 'site: full build, runbook ×10 (procedures)',
        value: x10Ms / 1000,
        unit: 's',
        baseline: buildMs / 1000,
        baselineName: 'full build, runbook ×1',
        target: Math.round((3 * buildMs) / 100) / 10,
      },
      {
        name: `site: largest page of the ×10 runbook (${heaviestX10.f}, HTML+CSS+JS)`,
        value: Math.round(heaviestX10.kb * 10) / 10,
        unit: 'KB',
        baseline: 150,
        baselineName: 'budget (150 KB)',
        target: 150,
      },
      {
        name: 'site: full build',
        value: buildMs / 1000,
        unit: 's',
        baseline: 60,
        baselineName: 'budget (60 s)',
        target: 60,
      },
      {
        name: 'site: markdown generation',
        value: generateMs,
        unit: 'ms',
        baseline: buildMs,
        baselineName: 'full build',
      },
      {
        name: `site: largest page (${heaviest.f}, HTML+CSS+JS)`,
        value: Math.round(heaviest.kb * 10) / 10,
        unit: 'KB',
        baseline: 150,
        baselineName: 'budget (150 KB)',
        target: 150,
      },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
