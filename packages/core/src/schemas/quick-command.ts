import { z } from 'zod';
import { idSchema, localizedSchema } from './localized.ts';
import { runbookCommandSchema } from './runbook-command.ts';

/** One of the plan's shell aliases, with the tool's own form. */
export const quickCommandSchema = z.object({
  id: idSchema,
  /** The alias name in the plan (`rollback-now`). */
  alias: z.string().min(1),
  title: localizedSchema,
  runbook: runbookCommandSchema,
  /** The manual equivalent, without the tool. */
  manual: z.string().min(1),
  /**
   * Whether the command changes what serves traffic (a rollback): outputs mark it, and its `runbook` form
   * must not carry `--yes`, so that the tool still asks before acting (lint reports it).
   */
  destructive: z.boolean().default(false),
  /** "Run this first": the readiness check to run before the command, both ways. */
  check: z
    .object({
      /** The `./runbook …` form of the check. */
      runbook: runbookCommandSchema,
      /** The same check without the tool. */
      manual: z.string().min(1),
    })
    .optional(),
});
export type QuickCommand = z.infer<typeof quickCommandSchema>;
