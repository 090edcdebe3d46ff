import type { RunbookInput } from '../schemas/index.ts';
import { checklists } from './checklists.ts';
import { contacts, escalation } from './contacts.ts';
import { criteria } from './criteria.ts';
import { meta } from './meta.ts';
import { alerts, dashboards, quickCommands } from './monitoring.ts';
import { procedures } from './procedures/index.ts';
import { templates } from './templates.ts';

/** The TopSteel Marketplace emergency rollback plan, as data. */
export const builtinPlan: RunbookInput = {
  meta,
  criteria,
  procedures,
  checklists,
  contacts,
  escalation,
  templates,
  alerts,
  dashboards,
  quickCommands,
};
