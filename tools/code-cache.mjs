/**
 * Loads a CommonJS bundle with V8's code cache. Node 20 has no compile cache (`module.enableCompileCache`
 * came in 22.1) and compiles ESM on every start: 60–100 ms of each cluster command went to compiling the
 * CLI bundle again. A `vm.Script` takes the code V8 compiled on an earlier run of the same command, and
 * gives it back after this run, lazily compiled functions included.
 * Plain JavaScript with no dependency: the bins load it before anything else.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/**
 * What esbuild needs to turn ESM sources into a CommonJS bundle: `import.meta` has no CommonJS meaning, so
 * its three uses in the sources are defined from the bundle's own path.
 */
export const CJS_BUILD_OPTIONS = {
  format: 'cjs',
  // Every character outside ASCII escaped, so that the bundle reads as latin1: no UTF-8 decoding of 4 MB.
  charset: 'ascii',
  // No `import()` left in the bundle: a script run from V8's code cache loses its dynamic-import callback
  // (Node 20), so an external ESM package is loaded by require(), which Node 20.19 does for ESM without
  // top-level await.
  supported: { 'dynamic-import': false },
  outExtension: { '.js': '.cjs' },
  define: {
    'import.meta.url': '__bundle_url',
    'import.meta.dirname': '__dirname',
    'import.meta.resolve': '__bundle_resolve',
  },
  banner: {
    js: "var __bundle_url=require('node:url').pathToFileURL(__filename).href,__bundle_resolve=(s)=>require('node:url').pathToFileURL(require.resolve(s)).href;",
  },
};

/**
 * The cache of `key` for this exact bundle. V8 checks a cache only against the source's length, so the
 * bundle's size and mtime are in the name: a rebuilt bundle never runs with the code of the one before.
 */
function cachePaths(file) {
  const { size, mtimeMs } = statSync(file);
  return (key) => join(dirname(file), '.cache', `${key}-${size}-${Math.trunc(mtimeMs)}.bin`);
}

/** Deletes the caches `key`'s runs saved for `file`, as a rebuild leaves it (the bench's first-run rows). */
export function forgetCache(file, key) {
  const dir = join(dirname(file), '.cache');
  for (const name of existsSync(dir) ? readdirSync(dir) : [])
    if (name.startsWith(`${key}-`)) rmSync(join(dir, name), { force: true });
}

/** The cache file's contents, or undefined when there is none. */
function readCache(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Writes `data` by rename, so that a run started meanwhile reads a whole cache or none. Best effort. */
function writeCache(path, data) {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch {
    // No cache this time (read-only install, full disk): the next run compiles as this one did.
  }
}

const wrapped = (file) => Module.wrap(readFileSync(file, 'latin1'));

/**
 * Saves the code of the bundle's top level as the cache of every command's first run: built without running
 * anything, it holds no function a command calls, which that first run then compiles and saves as its own.
 */
export function saveBaseCache(file) {
  writeCache(cachePaths(file)('base'), new vm.Script(wrapped(file), { filename: file }).createCachedData());
}

/**
 * Runs `file` (a CommonJS bundle built with CJS_BUILD_OPTIONS, so ASCII) with the code cache saved under `key`
 * (none when null) or else the base one, and returns its exports and `saveCache()`, to call once the work is
 * done so that the key's cache holds what this run compiled.
 */
export function loadBundle(file, key) {
  const pathOf = key === null ? null : cachePaths(file);
  const cacheFile = pathOf?.(key) ?? null;
  const own = cacheFile ? readCache(cacheFile) : undefined;
  const cachedData = own ?? (pathOf ? readCache(pathOf('base')) : undefined);
  // No importModuleDynamically: the bundle has no import() (CJS_BUILD_OPTIONS), which code from a cache
  // could not run anyway.
  const script = new vm.Script(wrapped(file), { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  const needed = own === undefined || script.cachedDataRejected === true;
  return {
    exports: module.exports,
    saveCache() {
      if (needed && cacheFile) writeCache(cacheFile, script.createCachedData());
    },
  };
}
