import { z } from 'zod';
import { alertSchema } from './alert.ts';
import { checklistSchema } from './checklist.ts';
import { contactSchema } from './contact.ts';
import { criterionSchema } from './criterion.ts';
import { dashboardSchema } from './dashboard.ts';
import { escalationLevelSchema } from './escalation.ts';
import { metaSchema } from './meta.ts';
import { procedureSchema } from './procedure.ts';
import { quickCommandSchema } from './quick-command.ts';
import { templateSchema } from './template.ts';

/** The whole runbook. Its top-level keys are those of `runbook export --json`. */
export const runbookSchema = z.object({
  meta: metaSchema,
  criteria: z.array(criterionSchema).min(1),
  procedures: z.array(procedureSchema).min(1),
  checklists: z.array(checklistSchema),
  contacts: z.array(contactSchema).min(1),
  escalation: z.array(escalationLevelSchema).min(1),
  templates: z.array(templateSchema),
  alerts: z.array(alertSchema),
  dashboards: z.array(dashboardSchema),
  quickCommands: z.array(quickCommandSchema),
});
export type Runbook = z.infer<typeof runbookSchema>;
/** The runbook as written, before defaults are applied. */
export type RunbookInput = z.input<typeof runbookSchema>;
