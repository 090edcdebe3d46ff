import type { CommandSpec } from '../define.ts';

type Loader = () => Promise<{ default: CommandSpec }>;

/**
 * Every command, loaded only when called: `runbook --help` must not pay for the Kubernetes client,
 * pg or pdfkit.
 */
export const COMMANDS: Record<string, { summary: string; load: Loader }> = {
  drill: {
    summary: 'A full rollback drill on the simulated cluster, timed against the plan (pnpm start)',
    load: () => import('./drill.ts'),
  },
  check: { summary: 'Validate the runbook: schema and lint rules', load: () => import('./check.ts') },
  show: { summary: 'Print the runbook or one item, readable offline', load: () => import('./show.ts') },
  export: { summary: 'Export the runbook as JSON', load: () => import('./export.ts') },
  schema: {
    summary: 'The JSON Schema of a runbook file, generated from the zod schemas',
    load: () => import('./schema.ts'),
  },
  init: {
    summary: 'Write a small commented runbook to start from (refuses to overwrite)',
    load: () => import('./init.ts'),
  },

  'print-hash': {
    summary: 'The content hash the current printout must show',
    load: () => import('./print-hash.ts'),
  },
  'print-check': {
    summary: 'Whether a printed PDF matches the current data',
    load: () => import('./print-check.ts'),
  },
  'capture-state': {
    summary: 'Capture deployments, replicasets, pods, services, endpoints and logs as YAML',
    load: () => import('./capture-state.ts'),
  },
  rollback: {
    summary: 'Roll back: blue-green (recommended), native (rollout undo) or version TAG',
    load: () => import('./rollback.ts'),
  },
  verify: {
    summary: 'Verify after a rollback: health, metrics, error logs, critical tests (exit 4 on failure)',
    load: () => import('./verify.ts'),
  },
  emergency: {
    summary: 'Notify, capture, blue-green, verify, notify the outcome',
    load: () => import('./emergency.ts'),
  },
  notify: {
    summary: 'Post the internal or customer template to the SLACK_WEBHOOK webhook',
    load: () => import('./notify.ts'),
  },
  status: {
    summary: 'Where the incident stands, from the cluster: lock, steps, who to call, traffic',
    load: () => import('./status.ts'),
  },
  escalation: {
    summary: 'Who to call now, and when the next level starts',
    load: () => import('./escalation.ts'),
  },
  postmortem: {
    summary: 'Fill the post-mortem template from an incident journal',
    load: () => import('./postmortem.ts'),
  },
  sim: { summary: 'Run the simulated cluster (sim up)', load: () => import('./sim.ts') },
  rbac: { summary: 'The least-privilege Role the procedures need, as YAML', load: () => import('./rbac.ts') },
  decide: {
    summary: 'Evaluate the rollback criteria from live metrics: exit 0 no, 10 roll back, 11 inconclusive',
    load: () => import('./decide.ts'),
  },
  alerts: {
    summary: 'Export the criteria as Prometheus alert rules, or test them with promtool',
    load: () => import('./alerts.ts'),
  },
  watch: {
    summary: 'Evaluate the criteria every interval, notify on breach (--auto-rollback runs emergency)',
    load: () => import('./watch.ts'),
  },
  'db-rollback': {
    summary: 'Restore a dump safely (snapshot, new database, name swap) and/or revert migrations',
    load: () => import('./db-rollback.ts'),
  },
  'db-backups': {
    summary: 'List the database dumps with their time and size',
    load: () => import('./db-backups.ts'),
  },
};
