import { z } from 'zod';
import { idSchema, localizedSchema } from './localized.ts';

export const checklistItemSchema = z.object({
  id: idSchema,
  label: localizedSchema,
  /** A procedure step that carries this item out, as `procedureId` or `procedureId/stepId`. */
  ref: z.string().optional(),
});

/** A list to tick: pre-rollback, the control points before/during/after, the post-mortem. */
export const checklistSchema = z.object({
  id: idSchema,
  title: localizedSchema,
  /** When the list is used. */
  phase: z.enum(['pre-rollback', 'before', 'during', 'after', 'post-mortem']),
  items: z.array(checklistItemSchema).min(1),
});
export type Checklist = z.infer<typeof checklistSchema>;
