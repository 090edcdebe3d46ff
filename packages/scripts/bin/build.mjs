#!/usr/bin/env node
// Builds @runbook/scripts for plain Node and zx scripts outside the workspace, which cannot load its
// TypeScript sources: dist/index.mjs and dist/index.d.ts.
//
// The JavaScript is one ESM bundle of the workspace's own code (@runbook/core included, from its sources);
// third-party packages stay imports, resolved from packages/scripts/node_modules, so each must be a
// dependency of @runbook/scripts, core's (yaml, zod) too: the build refuses one that is not.
// The declarations are tsc's, of scripts and core, with `@runbook/core` pointed at core's emitted files.
import { spawn } from 'node:child_process';
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
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime, olderThanSources } from '../../../tools/newest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const core = join(pkg, '..', 'core');
const dist = join(pkg, 'dist');
export const outfile = join(dist, 'index.mjs');
const sources = [
  join(pkg, 'src'),
  join(core, 'src'),
  join(pkg, 'package.json'),
  join(core, 'package.json'),
  join(pkg, 'tsconfig.types.json'),
  fileURLToPath(import.meta.url),
];

/** Whether a source (or this script) changed since dist/ was built. */
export function isStale() {
  return olderThanSources(outfile, sources);
}

const manifest = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const thirdParty = (dir) =>
  Object.entries(manifest(dir).dependencies ?? {})
    .filter(([, range]) => !range.startsWith('workspace:'))
    .map(([name]) => name);

/** Keeps third-party packages out of the bundle, and fails on one that @runbook/scripts does not depend on. */
function externals() {
  const own = new Set(thirdParty(pkg));
  const missing = thirdParty(core).filter((name) => !own.has(name));
  if (missing.length)
    throw new Error(`@runbook/core depends on ${missing.join(', ')}: add to @runbook/scripts's dependencies`);
  return {
    name: 'externals',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
        const name = path.split('/', path.startsWith('@') ? 2 : 1).join('/');
        if (path.startsWith('node:') || builtinModules.includes(name) || name.startsWith('@runbook/'))
          return undefined;
        if (own.has(name)) return { path, external: true };
        return { errors: [{ text: `${relative(pkg, importer)} imports "${path}", not a dependency` }] };
      });
    },
  };
}

async function bundle(outdir) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: { index: join(pkg, 'src', 'index.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The workspace's packages are bundled from their TypeScript sources.
    conditions: ['source'],
    plugins: [externals()],
    legalComments: 'none',
    logLevel: 'error',
  });
}

function tsc(args) {
  const bin = createRequire(join(pkg, '..', '..', 'package.json')).resolve('typescript/bin/tsc');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`tsc exited ${code}\n${output}`)),
    );
  });
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

// noCheck: `pnpm typecheck` checks the sources; this only writes what they declare, in a few seconds.
async function declarations(outdir) {
  const types = join(outdir, 'types');
  await tsc(['-p', join(pkg, 'tsconfig.types.json'), '--outDir', types]);
  // The declarations of scripts import '@runbook/core', which a consumer would resolve to core's sources.
  const coreIndex = join(types, 'core', 'src', 'index.d.ts');
  for (const file of filesUnder(join(types, 'scripts'))) {
    const text = readFileSync(file, 'utf8');
    let target = relative(dirname(file), coreIndex)
      .split(sep)
      .join('/')
      .replace(/\.d\.ts$/, '.ts');
    if (!target.startsWith('.')) target = `./${target}`;
    const rewritten = text.replace(/(['"])@runbook\/core\1/g, `$1${target}$1`);
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
  // A consumer's types may not list node's, which these declarations use (NodeJS.ProcessEnv…).
  writeFileSync(
    join(outdir, 'index.d.ts'),
    '/// <reference types="node" />\nexport * from \'./types/scripts/src/index.ts\';\n',
  );
}

/** Replaces `dist/<name>` by a file re-exporting the build's, in one rename. */
function point(name, text, mtime) {
  const temp = join(dist, `.${name}-${process.pid}`);
  writeFileSync(temp, text);
  utimesSync(temp, new Date(), mtime);
  renameSync(temp, join(dist, name));
}

// Each build goes to its own folder and dist/'s entry files are swapped in by rename, so that a script or
// test started meanwhile never loads a half-written build.
export async function build() {
  const id = `build-${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(dist, id);
  // Dated by the newest source read, not by when the build finished: a source saved during the build is
  // then newer than dist/index.mjs, and the next run rebuilds.
  const sourcesAt = new Date(Math.ceil(Math.max(...sources.map((path) => newestMtime(path)))) + 1);
  mkdirSync(outdir, { recursive: true });
  // Both settle before a failed build is removed: tsc would write into the folder again.
  const failed = (await Promise.allSettled([bundle(outdir), declarations(outdir)])).find(
    (r) => r.status === 'rejected',
  );
  if (failed) {
    rmSync(outdir, { recursive: true, force: true });
    throw failed.reason;
  }
  const types = `export * from './${id}/index.js';\n`;
  // `import '…/dist/index.mjs'` finds its types in index.d.mts; the package's `exports` name index.d.ts.
  point('index.d.ts', types, sourcesAt);
  point('index.d.mts', types, sourcesAt);
  point('index.mjs', `export * from './${id}/index.mjs';\n`, sourcesAt);
  for (const entry of readdirSync(dist)) {
    if (!entry.startsWith('build-') || entry === id) continue;
    const path = join(dist, entry);
    if (Date.now() - statSync(path).mtimeMs > 60_000) rmSync(path, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(pkg, 'src', 'index.ts'))) process.exit(0);
  if (process.argv.includes('--force') || isStale()) {
    const started = performance.now();
    await build();
    process.stderr.write(
      `@runbook/scripts: built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
}
