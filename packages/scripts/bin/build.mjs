#!/usr/bin/env node
// Bundles the CLI so that `runbook --help` starts near bare node's time:
// running TypeScript through a loader costs ~320 ms on every call.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const root = join(pkg, '..', '..');
export const outfile = join(pkg, 'dist', 'cli.mjs');
const sources = [join(root, 'packages'), join(root, 'print', 'src')];

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'test') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (/\.(ts|mts|json|yaml)$/.test(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

export function isStale() {
  if (!existsSync(outfile)) return true;
  const built = statSync(outfile).mtimeMs;
  return sources.some((dir) => existsSync(dir) && newest(dir) > built);
}

export async function build() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: { cli: join(pkg, 'src', 'cli', 'main.ts') },
    outdir: join(pkg, 'dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Native and font-carrying modules stay outside the bundle.
    external: ['pdfkit', 'dejavu-fonts-ttf', 'pg-native', 'esbuild'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(pkg, 'src', 'cli', 'main.ts'))) process.exit(0);
  await build();
}
