/**
 * Building the site from code: the browser tests and the drill (`pnpm start`) share one lock, since every
 * build writes its pages into site/src/content/docs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from '../../tools/newest.mjs';

export { STAMP_FILE, stampIsCurrent, toolVersion, writeStamp } from './stamp.mjs';

export const SITE = fileURLToPath(new URL('../', import.meta.url));
export const ROOT = join(SITE, '..');
export const DIST = join(SITE, 'dist');
const LOCK = join(SITE, '.build-lock');

/**
 * The test process's environment without what vitest adds (NODE_ENV=test, DEV=1, MODE, SSR…): Astro reads
 * those into `import.meta.env`, and a build that thinks it is in dev mode ships Starlight without its search.
 */
function cleanEnv() {
  const vitestKeys = /^(VITEST.*|TEST|NODE_ENV|DEV|PROD|MODE|SSR|BASE_URL)$/;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !vitestKeys.test(key)));
}

/**
 * Astro keeps rendered Markdown in its content store until the page text or the hashable part of its config
 * changes; a change to how code blocks render (src/build/code-tokens.mjs, in an integration) is neither, and
 * the build would ship the old HTML. Pages are generated anew for every build anyway, so the store goes.
 */
const CONTENT_STORE = join(SITE, 'node_modules/.astro/data-store.json');

/** Runs `astro build` as the package script does; rejects with the build's output when it fails. */
function astroBuild({ outDir, env = {} }) {
  rmSync(CONTENT_STORE, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(join(SITE, 'node_modules/.bin/astro'), ['build', '--outDir', outDir], {
      cwd: SITE,
      env: { ...cleanEnv(), NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`astro build failed (${code}):\n${output}`)),
    );
  });
}

/** dist is stale when it was built from other data, as a public build, or before the latest source edit. */
export function distIsFresh(expectedHash) {
  const stampFile = join(DIST, 'build.json');
  if (!existsSync(stampFile)) return false;
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  if (stamp.public || stamp.hash !== expectedHash) return false;
  const sources = [
    // The data itself is in the hash; its code still shapes the pages.
    'src/build',
    'src/client',
    'src/components',
    'src/styles',
    'src/content.config.mjs',
    'astro.config.mjs',
    'public',
  ];
  const newest = Math.max(
    newestMtime(join(ROOT, 'packages/core/src/logic')),
    newestMtime(join(ROOT, 'packages/core/src/i18n.ts')),
    // The site ships the PDFs it renders with print/ (pdf/runbook-<lang>.pdf).
    newestMtime(join(ROOT, 'print/src')),
    ...sources.map((s) => newestMtime(join(SITE, s))),
  );
  return statSync(stampFile).mtimeMs > newest;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds share site/src/content/docs (Starlight reads docs only from there), and vitest runs files in
 * parallel: a lock directory makes them take turns.
 */
async function withLock(fn) {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run would block forever: builds take well under three minutes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000)
        rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Where a build goes without --out: site/dist for the default runbook, site/dist-<file name> for another. */
export function defaultOutDir(runbookFile) {
  if (!runbookFile) return DIST;
  return join(SITE, `dist-${basename(runbookFile, extname(runbookFile))}`);
}

/** Builds the site into `outDir`, waiting for any other build of this checkout to finish first. */
export function buildSite(options) {
  return withLock(() => astroBuild(options));
}

/** Builds site/dist from the default runbook unless it is already fresh (tests, the drill). */
export function ensureSite(expectedHash) {
  return withLock(async () => {
    if (!distIsFresh(expectedHash))
      await astroBuild({ outDir: DIST, env: { RUNBOOK_FILE: '', RUNBOOK_PUBLIC: '' } });
    return DIST;
  });
}

/** Every `.html` file under a dist, relative paths. */
export function htmlFiles(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return htmlFiles(dir, rel);
    return e.name.endsWith('.html') ? [rel] : [];
  });
}
