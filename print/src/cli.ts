import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunbook, parseRunbookText, type Runbook } from '@runbook/core';
import { printHash, writePdfs } from './index.ts';

/**
 * `pnpm print [--runbook FILE] [--out DIR]`; RUNBOOK_FILE works too. Paths are relative to where pnpm was run.
 * The default runbook's PDFs go to print/dist, another one's to print/dist-<file name>.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runbook: { type: 'string' }, out: { type: 'string' } } });
  const base = process.env.INIT_CWD ?? process.cwd();
  const file = values.runbook ?? process.env.RUNBOOK_FILE;
  let runbook: Runbook = defaultRunbook();
  if (file) {
    const parsed = parseRunbookText(await readFile(resolve(base, file), 'utf8'));
    if (!parsed.runbook || parsed.errors.length > 0) {
      for (const e of parsed.errors) console.error(`${file}: ${e.path}: ${e.message}`);
      return 1;
    }
    runbook = parsed.runbook;
  }
  // Another runbook's PDFs go beside the default ones, never over them.
  const dist = file ? `../dist-${basename(file, extname(file))}` : '../dist';
  const outDir = values.out ? resolve(base, values.out) : new URL(dist, import.meta.url).pathname;
  const started = performance.now();
  const files = await writePdfs(runbook, outDir);
  const ms = Math.round(performance.now() - started);
  for (const f of files) console.log(f);
  console.log(`hash ${printHash(runbook)}, ${ms} ms`);
  return 0;
}

process.exitCode = await main();
