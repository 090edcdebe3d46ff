import type { NavCtx } from '../headings.ts';
import { drawChecklists } from './checklists.ts';
import { drawContacts } from './contacts.ts';
import { drawCriteria } from './criteria.ts';
import { drawAlerts, drawDashboards, drawQuickCommands } from './monitoring.ts';
import { drawProcedures } from './procedures.ts';
import { drawPostmortem, drawTemplates } from './templates.ts';

/** The plan's sections in reading order, after the card and the contents. */
export const SECTIONS: ReadonlyArray<(ctx: NavCtx) => void> = [
  drawCriteria,
  drawProcedures,
  drawChecklists,
  drawContacts,
  drawTemplates,
  drawPostmortem,
  drawAlerts,
  drawDashboards,
  drawQuickCommands,
];
