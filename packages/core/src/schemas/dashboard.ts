import { z } from 'zod';
import { idSchema, localizedSchema } from './localized.ts';

/** A dashboard to watch during and after a rollback. */
export const dashboardSchema = z.object({
  id: idSchema,
  name: localizedSchema,
  url: z.url(),
  /** What to look at there. */
  purpose: localizedSchema,
});
export type Dashboard = z.infer<typeof dashboardSchema>;
