#!/usr/bin/env node
// Bundles the CLI so that `runbook --help` starts near bare node's time:
// running TypeScript through a loader costs ~320 ms on every call.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime, olderThanSources } from '../../../tools/newest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const root = join(pkg, '..', '..');
export const outfile = join(pkg, 'dist', 'cli.mjs');
const sources = [join(root, 'packages'), join(root, 'print', 'src')];

const counts = (name) => /\.(ts|mts|json|yaml)$/.test(name);

export function isStale() {
  return olderThanSources(outfile, sources, counts);
}

// Each build goes to its own folder and `dist/cli.mjs` is swapped in by rename, so that runs started
// in parallel (tests, a second terminal) never load a half-written bundle.
export async function build() {
  const esbuild = await import('esbuild');
  const dist = join(pkg, 'dist');
  const id = `build-${Date.now().toString(36)}-${process.pid}`;
  // The bundle is dated by the newest source it read, not by when it finished: a source saved during the
  // build is then newer than the bundle, and the next run rebuilds.
  const sourcesAt = Math.max(...sources.map((path) => newestMtime(path, counts)));
  mkdirSync(dist, { recursive: true });
  await esbuild.build({
    entryPoints: { cli: join(pkg, 'src', 'main.ts') },
    outdir: join(dist, id),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // The workspace's libraries are bundled from their TypeScript sources, not from their built dist/.
    conditions: ['source'],
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
    // Native and font-carrying modules stay outside the bundle.
    // @runbook/site's build helper finds the site from its own path, so it must load from where it lives.
    external: ['pdfkit', 'dejavu-fonts-ttf', 'pg-native', 'esbuild', '@runbook/site'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const pointer = join(dist, `.cli-${process.pid}.mjs`);
  writeFileSync(pointer, `export * from './${id}/cli.mjs';\n`);
  utimesSync(pointer, new Date(), new Date(Math.ceil(sourcesAt) + 1));
  renameSync(pointer, outfile);
  for (const entry of readdirSync(dist)) {
    if (!entry.startsWith('build-') || entry === id) continue;
    const path = join(dist, entry);
    if (Date.now() - statSync(path).mtimeMs > 60_000) rmSync(path, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(pkg, 'src', 'main.ts'))) process.exit(0);
  await build();
}
