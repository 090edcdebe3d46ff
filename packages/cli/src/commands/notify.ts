import { checkTemplateVars, cleanValue, EXIT, UsageError } from '@runbook/core';
import {
  createRedactor,
  knownSecrets,
  notify,
  readJournal,
  recordStep,
  webhookFromEnv,
} from '@runbook/scripts';
import { defineCommand } from '../define.ts';
import { printData } from '../output.ts';
import { durationFlag, parseVars, VAR_FLAG } from './_common.ts';

export default defineCommand({
  name: 'notify',
  description:
    'Fill a communication template (internal or customer) and post it to the Slack-compatible webhook in SLACK_WEBHOOK. Without a webhook, prints the message and says so.',
  details:
    'Examples:\n  runbook notify --template customer\n  runbook notify --template internal --var start=14:05 --var impact="5xx on /api" --var version=v1.2.3 --var eta="30 min" --var followUp=https://…\nValues are checked against their placeholder type (version v1.2.3, time 14:05, URL…) and cleaned of control characters. A notice is sent only on a 2xx from the webhook itself: a redirect is not followed.\nExit codes: 2 usage (unknown template, missing, unknown or mistyped --var) · 5 webhook failed, redirected or silent past --timeout. The webhook URL is never printed.',
  flags: {
    template: { type: 'string', hint: 'internal|customer', description: 'Template id' },
    var: VAR_FLAG,
    'dry-run': {
      type: 'string',
      hint: 'client',
      bareValue: 'client',
      // A webhook has no server-side dry run: only the client one exists here.
      choices: ['client'],
      description: 'Print the message; send nothing',
    },
    timeout: {
      type: 'string',
      hint: 'DURATION',
      description: 'Time the webhook may take to answer (default 5s)',
    },
    incident: {
      type: 'string',
      hint: 'ID',
      description: 'Record the notice in this incident’s journal (default: a new one)',
    },
    'incidents-dir': {
      type: 'string',
      hint: 'DIR',
      description: 'Where incident journals are (default ./incidents)',
    },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  async run(ctx, flags) {
    const template = flags.template;
    if (!template) throw new UsageError('notify: missing --template (internal or customer)');
    const redact = createRedactor(knownSecrets(ctx.env));
    const given = parseVars(flags.var);
    checkTemplateVars(ctx.runbook(), template, given);
    const vars = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, cleanValue(v)]));
    const timeoutMs = durationFlag(flags, 'timeout', 5000);
    const baseDir = flags['incidents-dir'] ?? 'incidents';
    const incidentFlag = flags.incident;
    // An unknown incident is refused before anything is sent.
    if (incidentFlag) await readJournal(baseDir, incidentFlag);
    const r = await notify(
      {
        runbook: ctx.runbook(),
        lang: ctx.lang,
        webhook: webhookFromEnv(ctx.env),
        dryRun: Boolean(flags['dry-run']),
        log: (l) => ctx.err(redact(l)),
        out: (l) => ctx.out(redact(l)),
        signal: ctx.signal,
      },
      { template, vars, timeoutMs },
    );
    if (!flags['dry-run']) {
      // A notice sent (or not) is part of the incident's story: the post-mortem timeline reads it back.
      const incident = await recordStep({
        baseDir,
        incident: incidentFlag,
        command: 'notify',
        step: `notify/${template}`,
        outcome: r.sent || !webhookFromEnv(ctx.env) ? 'ok' : 'failed',
        details: { template, vars, sent: r.sent, ...(r.reason ? { reason: r.reason } : {}) },
        redact,
      });
      ctx.err(`journaled in incident ${incident}`);
    }
    if (flags.json) printData((text) => ctx.out(redact(text)), flags, r);
    else {
      ctx.out(redact(r.text));
      ctx.err(r.sent ? 'sent to the webhook (SLACK_WEBHOOK)' : `not sent: ${redact(r.reason ?? '')}`);
    }
    return r.sent || !webhookFromEnv(ctx.env) || flags['dry-run'] ? EXIT.ok : EXIT.infrastructure;
  },
});
