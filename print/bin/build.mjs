// Bundles print/src/cli.ts so that `pnpm print` runs on plain node: a TypeScript loader cost ~0.3 s per call,
// and the nested `pnpm --filter` another second. pdfkit and fontkit are bundled too: loading their ~300 modules
// one by one cost ~60 ms of each run.
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRunbookDefine } from '../../tools/builtin-runbook.mjs';
import { CJS_BUILD_OPTIONS, saveBaseCache } from '../../tools/code-cache.mjs';
import { olderThanSources } from '../../tools/newest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const root = join(pkg, '..');
// CommonJS, so that print.mjs runs it with V8's code cache (tools/code-cache.mjs).
export const outfile = join(here, 'dist', 'print.cjs');
// The words the last run shaped (print/src/shaping.ts). Made by the bundle's code from the installed fonts, so
// it goes whenever the bundle is rebuilt (a change to print/src, print/package.json or packages/core/src).
export const shapingFile = join(here, 'dist', 'shaping.json');
const sources = [join(pkg, 'src'), join(pkg, 'package.json'), join(root, 'packages', 'core', 'src')];

export function isStale() {
  return olderThanSources(outfile, sources);
}

/**
 * A dependency that finds its files from `import.meta.url` (pdfkit: its standard fonts, its colour profile) keeps
 * its own URL, relative to the bundle so that the checkout may move.
 */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
      const contents = readFileSync(args.path, 'utf8');
      if (!contents.includes('import.meta.url')) return undefined;
      const path = relative(dirname(outfile), args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(path)}, import.meta.url).href`;
      return { contents: contents.replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
};

// Written to a file of its own and renamed over the bundle, so that a run started meanwhile never loads half of it.
export async function build() {
  const esbuild = await import('esbuild');
  const tmp = join(here, 'dist', `.print-${process.pid}.cjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  const builtin = await builtinRunbookDefine(esbuild, dirname(outfile));
  await esbuild.build({
    entryPoints: [join(pkg, 'src', 'cli.ts')],
    outfile: tmp,
    ...CJS_BUILD_OPTIONS,
    define: { ...CJS_BUILD_OPTIONS.define, ...builtin },
    bundle: true,
    platform: 'node',
    conditions: ['source'],
    target: 'node20',
    legalComments: 'none',
    logLevel: 'error',
    // The fonts are found from where they are installed (require.resolve in print/src/layout.ts).
    external: ['dejavu-fonts-ttf'],
    plugins: [ownUrls],
  });
  rmSync(shapingFile, { force: true });
  rmSync(join(dirname(outfile), '.cache'), { recursive: true, force: true });
  renameSync(tmp, outfile);
  saveBaseCache(outfile);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  rmSync(outfile, { force: true });
  await build();
}
