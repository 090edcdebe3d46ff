import { z } from 'zod';
import { idSchema, localizedSchema } from './localized.ts';

/** One level of the escalation ladder, counted in minutes from the start of the incident. */
export const escalationLevelSchema = z.object({
  level: z.number().int().positive(),
  /** Minute the level starts (inclusive). */
  fromMinutes: z.number().int().nonnegative(),
  /** Minute the next level starts; `null` for the last level. */
  toMinutes: z.number().int().positive().nullable(),
  /** Contact ids to call at this level. */
  contacts: z.array(idSchema).min(1),
  label: localizedSchema,
});
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;
