export const ROOT: string;
export const SITE: string;
export const DIST: string;

export interface BuildOptions {
  outDir: string;
  /** Extra environment: RUNBOOK_FILE, RUNBOOK_PUBLIC. */
  env?: Record<string, string>;
}

/** Whether site/dist was built from data of this content hash, not as a public build, after the latest source edit. */
export function distIsFresh(expectedHash: string): boolean;
/** Where a build goes without --out: site/dist for the default runbook, site/dist-<file name> for another. */
export function defaultOutDir(runbookFile?: string): string;
/** Builds the site into `outDir`, waiting for any other build of this checkout to finish first. */
export function buildSite(options: BuildOptions): Promise<void>;
/** Builds site/dist from the default runbook unless it is already fresh for `expectedHash`. */
export function ensureSite(expectedHash: string): Promise<string>;
/** Every `.html` file under a dist, relative paths. */
export function htmlFiles(dir: string, prefix?: string): string[];
