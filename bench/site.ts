import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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

    const weights = htmlFiles(outDir).map((f) => ({ f, kb: pageWeight(outDir, f) / 1024 }));
    const heaviest = weights.reduce((a, b) => (b.kb > a.kb ? b : a));
    return [
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
