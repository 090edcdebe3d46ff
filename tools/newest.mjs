/**
 * The newest source under a path: the one mtime walk by which the workspace's build scripts (the CLI and
 * library bundles, the print bundle, the site) tell that what they built is older than what it was built from.
 * Plain JavaScript with no dependency, as it runs at install, before anything is built.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders that hold no source: installed packages, build output, tests. */
const SKIPPED = new Set(['node_modules', 'dist', 'test']);

/**
 * The newest mtime (ms) of `path`, a file or a folder walked without SKIPPED; 0 when it does not exist.
 * `counts(name)` limits which files count (default: all).
 */
export function newestMtime(path, counts = () => true) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  return info.isDirectory() ? newestIn(path, counts) : info.mtimeMs;
}

function newestIn(dir, counts) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newestIn(path, counts));
    else if (counts(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** Whether `outfile` is missing or older than one of `sources`. */
export function olderThanSources(outfile, sources, counts) {
  if (!existsSync(outfile)) return true;
  const built = statSync(outfile).mtimeMs;
  return sources.some((path) => newestMtime(path, counts) > built);
}
