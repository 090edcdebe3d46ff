#!/usr/bin/env node
// Bundles the CLI so that `runbook --help` starts near bare node's time:
// running TypeScript through a loader costs ~320 ms on every call.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRunbookDefine } from '../../../tools/builtin-runbook.mjs';
import { CJS_BUILD_OPTIONS, saveBaseCache } from '../../../tools/code-cache.mjs';
import { newestMtime, olderThanSources } from '../../../tools/newest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const root = join(pkg, '..', '..');
/** Names the current build's folder (`build-…`), so that a build swaps it in with one rename. */
export const outfile = join(pkg, 'dist', 'cli.current');
const sources = [join(root, 'packages'), join(root, 'print', 'src')];

const counts = (name) => /\.(ts|mts|json|yaml)$/.test(name);

export function isStale() {
  return olderThanSources(outfile, sources, counts);
}

/** The current build's bundles: `cli` (everything) and `topLevel` (what answers `runbook --help`). */
export function currentBundles() {
  const folder = join(pkg, 'dist', readFileSync(outfile, 'utf8').trim());
  return { cli: join(folder, 'cli.cjs'), topLevel: join(folder, 'top-level.cjs') };
}

/** In the top-level bundle, each command's module stays a reference that is never loaded. */
const commandsLeftOut = {
  name: 'commands-left-out',
  setup(build) {
    build.onResolve({ filter: /^\.\/[a-z-]+\.ts$/ }, (args) =>
      args.importer.endsWith(join('commands', 'index.ts')) ? { path: args.path, external: true } : undefined,
    );
  },
};

// Each build goes to its own folder and `dist/cli.current` is swapped in by rename, so that runs started
// in parallel (tests, a second terminal) never load a half-written bundle.
// One CommonJS file, not ESM chunks: Node 20 can cache the compiled code of a CommonJS script
// (tools/code-cache.mjs) but compiles ESM on every start. Commands still load lazily: the bundle keeps
// each command's modules in a function that runs on first use.
export async function build() {
  const esbuild = await import('esbuild');
  const dist = join(pkg, 'dist');
  const id = `build-${Date.now().toString(36)}-${process.pid}`;
  // The bundle is dated by the newest source it read, not by when it finished: a source saved during the
  // build is then newer than the bundle, and the next run rebuilds.
  const sourcesAt = Math.max(...sources.map((path) => newestMtime(path, counts)));
  mkdirSync(dist, { recursive: true });
  const common = {
    outdir: join(dist, id),
    ...CJS_BUILD_OPTIONS,
    bundle: true,
    platform: 'node',
    // The workspace's libraries are bundled from their TypeScript sources, not from their built dist/.
    conditions: ['source'],
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
  };
  const builtin = await builtinRunbookDefine(esbuild, dist);
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { cli: join(pkg, 'src', 'main.ts') },
      define: { ...common.define, ...builtin },
      // Native and font-carrying modules stay outside the bundle.
      // @runbook/site's build helper finds the site from its own path, so it must load from where it lives.
      external: ['pdfkit', 'dejavu-fonts-ttf', 'pg-native', 'esbuild', '@runbook/site'],
    }),
    // `runbook`, `--help` and `--version` from 20 KB: the command table without the commands, which only
    // the full bundle loads.
    esbuild.build({
      ...common,
      entryPoints: { 'top-level': join(pkg, 'src', 'top-level.ts') },
      plugins: [commandsLeftOut],
    }),
  ]);
  saveBaseCache(join(dist, id, 'cli.cjs'));
  const pointer = join(dist, `.cli-${process.pid}.current`);
  writeFileSync(pointer, `${id}\n`);
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
