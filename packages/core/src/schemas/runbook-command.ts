import { z } from 'zod';

/**
 * A command of the tool as a person types it at the repository's root: `./runbook …`, which starts without
 * pnpm's half second. `pnpm runbook …`, which runbooks written before `./runbook` existed say, is still valid.
 */
export const runbookCommandSchema = z
  .string()
  .regex(
    /^(?:\.\/runbook|pnpm runbook) /,
    'expected a command starting with "./runbook " (or "pnpm runbook ")',
  );
