import type { CommandSpec } from '../define.ts';

type Loader = () => Promise<{ default: CommandSpec }>;

/**
 * Every command, loaded only when called: `runbook --help` must not pay for the Kubernetes client,
 * pg or pdfkit.
 */
export const COMMANDS: Record<string, { summary: string; load: Loader }> = {
  check: { summary: 'Validate the runbook: schema and lint rules', load: () => import('./check.ts') },
  show: { summary: 'Print the runbook or one item, readable offline', load: () => import('./show.ts') },
  export: { summary: 'Export the runbook as JSON', load: () => import('./export.ts') },
};
