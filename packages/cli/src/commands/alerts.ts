import { defineCommand } from '../define.ts';

export default defineCommand({
  name: 'alerts',
  description:
    'Prometheus alert rules generated from the plan criteria: export them, or test them with promtool.',
  details: `Examples:
  runbook alerts export --out rules/runbook.yml
  runbook alerts test`,
  subcommands: {
    export: () => import('./alerts/export.ts'),
    test: () => import('./alerts/test.ts'),
  },
});
