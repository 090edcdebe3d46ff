import { readFileSync, statSync } from 'node:fs';
import { defaultRunbook, InvalidRunbookError, parseRunbookText, type Runbook } from '@runbook/core';

/** What a build is made from: the runbook and whether contact details may be published. */
export interface SiteInput {
  runbook: Runbook;
  /** `RUNBOOK_PUBLIC=1`: phones and emails stay out of the site (the PDF keeps them). */
  publicBuild: boolean;
  /** The date reviews are measured against, fixed once per build so every page agrees. */
  now: Date;
}

/**
 * The last file parsed, by path, mtime and size: the footer asks on every page, and parsing the runbook once per
 * page made the build quadratic in its size.
 */
let parsed: { key: string; runbook: Runbook } | undefined;

/** Reads `RUNBOOK_FILE` (YAML or JSON) when set, else the built-in runbook; a broken file fails the build. */
export function loadRunbook(env: NodeJS.ProcessEnv = process.env): Runbook {
  const file = env.RUNBOOK_FILE;
  if (!file) return defaultRunbook();
  const { mtimeMs, size } = statSync(file);
  const key = `${file}\0${mtimeMs}\0${size}`;
  if (parsed?.key === key) return parsed.runbook;
  const result = parseRunbookText(readFileSync(file, 'utf8'));
  if (!result.runbook || result.errors.length > 0) throw new InvalidRunbookError(result.errors);
  parsed = { key, runbook: result.runbook };
  return result.runbook;
}

/**
 * `RUNBOOK_BUILT_AT` (set by the config for the whole build) keeps one date for the pages and the footer, which
 * Astro renders later from its own copy of this module.
 */
export function siteInput(env: NodeJS.ProcessEnv = process.env): SiteInput {
  const builtAt = env.RUNBOOK_BUILT_AT ? new Date(env.RUNBOOK_BUILT_AT) : new Date();
  const now = Number.isNaN(builtAt.getTime()) ? new Date() : builtAt;
  return { runbook: loadRunbook(env), publicBuild: env.RUNBOOK_PUBLIC === '1', now };
}
