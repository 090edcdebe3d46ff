import { dirname, resolve } from 'node:path';
import { EXIT, formatMs, UsageError } from '@runbook/core';
import { clustersTable, runDrill, SCENARIO_SPECS, SCENARIOS, targetsTable, timeline } from '@runbook/drill';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { styles } from '../style.ts';

/** What a first run leads to: one line to adapt the runbook, one to point it at a real cluster. */
function nextSteps(runbookFile: string | undefined): string[] {
  const file = runbookFile ?? 'FILE';
  const adapt = runbookFile
    ? `edit ${file} → runbook check --runbook ${file} → runbook drill --runbook ${file}`
    : `runbook init --service NAME --namespace NS --apps api,web --out ${file} → edit its TODO lines → runbook check --strict --runbook ${file} → runbook drill --runbook ${file}`;
  return [
    '\nNext:',
    `  adapt the runbook  ${adapt}`,
    `  real cluster       set environments.production in ${file}, then runbook drill --runbook ${file} --context NAME (asks before changing anything)`,
  ];
}

/** A built site only works over HTTP (absolute links, service worker): say how to serve it, not its index.html. */
function siteLine(indexFile: string): string {
  const dir = dirname(indexFile);
  return `${dir}   (serve it: pnpm site:serve ${dir} → http://127.0.0.1:4321/)`;
}

export default defineCommand({
  name: 'drill',
  description:
    'A full rollback drill on the embedded simulated cluster: build the site and PDFs if stale, break the release, run decide until a criterion trips, roll back, verify, print the timeline against the plan targets and write the post-mortem draft.',
  details: [
    'Scenarios:',
    ...SCENARIOS.map((s) => `  ${s.padEnd(15)} ${SCENARIO_SPECS[s].summary}`),
    '',
    'The drill uses a copy of the runbook whose windows are shortened (--window) and says so; notifications go to',
    'a webhook receiver on 127.0.0.1, never to SLACK_WEBHOOK. --context NAME runs it against a real cluster, after',
    'confirmation. Exit: 0 when the drill went as the plan says (the blue-not-ready drill exits 3: the switch was',
    'refused, as it must be), otherwise the failing step’s code.',
  ].join('\n'),
  flags: {
    scenario: {
      type: 'string',
      hint: 'NAME',
      description: `One of ${SCENARIOS.join(', ')} (default emergency)`,
    },
    window: {
      type: 'string',
      hint: 'SECONDS',
      description: 'Shortened window of windowed criteria (default 8)',
    },
    'error-rate': {
      type: 'string',
      hint: 'RATIO',
      description: 'Errors injected into the bad release (default 0.2)',
    },
    'skip-build': { type: 'boolean', description: 'Do not build the site and PDFs' },
    context: {
      type: 'string',
      hint: 'NAME',
      description: 'Run against this real kube context instead of the sim',
    },
    kubeconfig: {
      type: 'string',
      hint: 'PATH',
      description: 'Kubeconfig for --context (KUBECONFIG honoured)',
    },
    yes: {
      type: 'boolean',
      short: 'y',
      description: 'Confirm a drill against a real cluster without asking',
    },
    'incidents-dir': {
      type: 'string',
      hint: 'DIR',
      description: 'Where the journal goes (default ./incidents)',
    },
    json: { type: 'boolean', description: 'Print a machine summary as JSON' },
  },
  async run(ctx, flags) {
    const name = flags.scenario ?? 'emergency';
    const scenario = SCENARIOS.find((known) => known === name);
    if (!scenario) {
      throw new UsageError(`--scenario: expected one of ${SCENARIOS.join(', ')}, got "${name}"`);
    }
    const window = Number(flags.window ?? 8);
    if (!Number.isInteger(window) || window < 1 || window > 600) {
      throw new UsageError(`--window: expected whole seconds from 1 to 600, got "${flags.window}"`);
    }
    const errorRate = Number(flags['error-rate'] ?? 0.2);
    if (!(errorRate > 0 && errorRate <= 1)) {
      throw new UsageError(
        `--error-rate: expected a ratio above 0 and at most 1, got "${flags['error-rate']}"`,
      );
    }
    const s = styles(ctx.color);
    const runbook = ctx.runbook();
    const started = performance.now();
    const result = await runDrill({
      scenario,
      runbook,
      runbookFile: ctx.runbookFile ? resolve(ctx.runbookFile) : undefined,
      lang: ctx.lang,
      // Tests and CI runs build into their own folders, so they never pull the shared ones from under others.
      siteDir: ctx.env.RUNBOOK_SITE_DIR ? resolve(ctx.env.RUNBOOK_SITE_DIR) : undefined,
      pdfDir: ctx.env.RUNBOOK_PDF_DIR ? resolve(ctx.env.RUNBOOK_PDF_DIR) : undefined,
      incidentsDir: flags['incidents-dir'] ?? 'incidents',
      windowSeconds: window,
      errorRate,
      skipBuild: Boolean(flags['skip-build']),
      context: flags.context,
      kubeconfig: flags.kubeconfig,
      yes: Boolean(flags.yes),
      isTTY: ctx.isTTY,
      ask: ctx.confirm,
      databaseUrl: ctx.env.DATABASE_URL,
      log: (line) => ctx.err(s.dim(line)),
      signal: ctx.signal,
    });
    if (flags.json) {
      const { records, ...summary } = result;
      printData(ctx.out, flags, { ...summary, steps: records.length }, 2);
      return result.exitCode;
    }
    ctx.out(s.bold(`\nTimeline (incident ${result.incident})`));
    ctx.out(timeline(result.records));
    if (result.targets.length) ctx.out(`\n${targetsTable(result.targets)}`);
    if (result.clusters) ctx.out(`\n${clustersTable(result.clusters)}`);
    if (result.notifications.length) {
      ctx.out(`\nNotifications received by the local webhook (${result.notifications.length}):`);
      // The heading is the same in every notice; its first lines after it say which one it is.
      for (const n of result.notifications)
        ctx.out(`  • ${n.split('\n').filter(Boolean).slice(0, 2).join(' · ')}`);
    }
    for (const note of result.notes) ctx.out(`note: ${note}`);
    ctx.out(s.bold('\nWhere everything is'));
    if (result.artifacts) {
      ctx.out(`  site        ${siteLine(result.artifacts.site)}`);
      for (const pdf of result.artifacts.pdfs) ctx.out(`  pdf         ${pdf}`);
    }
    ctx.out(`  journal     ${result.journal}`);
    if (result.postmortem) ctx.out(`  post-mortem ${result.postmortem}`);
    const verdict = result.ok
      ? s.green(`drill "${scenario}" went as the plan says`)
      : s.red(`drill "${scenario}" FAILED: ${result.error ?? `exit ${result.exitCode}`}`);
    ctx.out(`\n${verdict} in ${formatMs(performance.now() - started)}`);
    for (const line of nextSteps(ctx.runbookFile)) ctx.out(line);
    if (!result.ok && result.error) ctx.err(`error: ${result.error}`);
    return result.ok ? result.exitCode : result.exitCode || EXIT.verification;
  },
});
