import { z } from 'zod';
import { actionSchema, comparatorSchema, severitySchema } from './criterion.ts';
import { idSchema, localizedSchema } from './localized.ts';

/** An alert of the plan. Bound to a criterion it inherits its condition; otherwise it carries its own. */
export const alertSchema = z.object({
  id: idSchema,
  name: localizedSchema,
  /** The criterion whose threshold this alert watches. */
  criterion: idSchema.optional(),
  /** The plan's own condition, for alerts that no criterion covers. */
  condition: z
    .object({
      /** The metric as the plan names it (`db_connections`). */
      metric: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/),
      comparator: comparatorSchema,
      threshold: z.number(),
      /** PromQL, when it is more than the metric itself. */
      query: z.string().optional(),
      window: z.string().nullable().default(null),
    })
    .optional(),
  severity: severitySchema,
  action: actionSchema,
});
export type Alert = z.infer<typeof alertSchema>;
