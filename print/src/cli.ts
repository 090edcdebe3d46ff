import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultRunbook, parseRunbookText, type Runbook } from '@runbook/core';
import { printHash, writePdfs } from './index.ts';
import { loadShaping, type PackedShaping, saveShaping } from './shaping.ts';

/**
 * `pnpm print [--runbook FILE] [--out DIR]`; RUNBOOK_FILE works too. Paths are relative to where pnpm was run.
 * The default runbook's PDFs go to print/dist, another one's to print/dist-<file name>. `printDir` is this
 * package's folder, given by print/bin/print.mjs, which runs this file bundled, with `shapingFile`: where
 * the words shaped by the last run are kept beside the bundle (see shaping.ts).
 */
export async function main(
  printDir = fileURLToPath(new URL('..', import.meta.url)),
  shapingFile?: string,
): Promise<number> {
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
  const dist = file ? `dist-${basename(file, extname(file))}` : 'dist';
  const outDir = values.out ? resolve(base, values.out) : join(printDir, dist);
  const started = performance.now();
  if (shapingFile) await loadShapingFile(shapingFile);
  const files = await writePdfs(runbook, outDir);
  if (shapingFile) await saveShapingFile(shapingFile);
  const ms = Math.round(performance.now() - started);
  for (const f of files) console.log(f);
  console.log(`hash ${printHash(runbook)}, ${ms} ms`);
  return 0;
}

/** The words an earlier run shaped; none when there is no file or it cannot be read (it is only a cache). */
async function loadShapingFile(file: string): Promise<void> {
  let data: PackedShaping;
  try {
    data = JSON.parse(await readFile(file, 'utf8')) as PackedShaping;
  } catch {
    return;
  }
  loadShaping(data);
}

/**
 * Written only when this run shaped new words; renamed into place, so a run started meanwhile reads all or none.
 * A cache that cannot be written (a read-only checkout) costs the next run time, never this run its PDFs.
 */
async function saveShapingFile(file: string): Promise<void> {
  const data = saveShaping();
  if (!data) return;
  const tmp = `${file}.${process.pid}`;
  try {
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true });
  }
}

// Run as a script (`node --import tsx src/cli.ts`); no top-level await, as the bundle is CommonJS.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  void main().then((code) => {
    process.exitCode = code;
  });
