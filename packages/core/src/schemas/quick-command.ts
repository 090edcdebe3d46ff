import { z } from 'zod';
import { idSchema, localizedSchema } from './localized.ts';

/** One of the plan's shell aliases, with the tool's own form. */
export const quickCommandSchema = z.object({
  id: idSchema,
  /** The alias name in the plan (`rollback-now`). */
  alias: z.string().min(1),
  title: localizedSchema,
  runbook: z.string().startsWith('pnpm runbook '),
  /** The manual equivalent, without the tool. */
  manual: z.string().min(1),
});
export type QuickCommand = z.infer<typeof quickCommandSchema>;
