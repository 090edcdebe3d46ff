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

/** Name of the stamp file kept beside the outputs it describes. */
export const STAMP_FILE: string;
/** Hash of the printer's sources and the packages' versions, computed once per process. */
export function toolVersion(): string;
/** Records that `files` (in `dir`) were made from `inputs` with today's tools. */
export function writeStamp(dir: string, inputs: unknown, files: string[]): void;
/** Whether `dir`'s stamp matches `inputs`, today's tools and the files on disk; a missing or corrupt stamp: false. */
export function stampIsCurrent(dir: string, inputs: unknown, files: string[]): boolean;
