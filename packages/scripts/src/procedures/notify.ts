/**
 * A notice from a runbook template, posted to a Slack-compatible webhook. Without a webhook the message is
 * printed, and that is said. The webhook URL never appears anywhere.
 */
import { checkTemplateVars, findTemplate, renderTemplate } from '@runbook/core';
import { postWebhook } from '../adapters/webhook.ts';
import type { ProcedureDeps } from './deps.ts';

export type NotifyDeps = Pick<ProcedureDeps, 'runbook' | 'lang' | 'webhook' | 'log' | 'out' | 'dryRun'> &
  Partial<Pick<ProcedureDeps, 'signal'>>;

export interface NotifyOptions {
  /** Template id (`internal`, `customer`). */
  template: string;
  vars?: Record<string, string>;
  /** Values used only for the template's placeholders that exist and were not given. */
  defaults?: Record<string, string>;
  /** How long the webhook may take to answer; default 5 s. */
  timeoutMs?: number;
}

export interface NotifyResult {
  text: string;
  sent: boolean;
  /** Why it was not sent (no webhook, dry run, HTTP error). */
  reason?: string;
}

/**
 * Renders the template and posts it; never throws for a webhook failure (the result says it). The values a
 * person gave are type-checked; the defaults computed by a procedure are not, so a notice never blocks it.
 */
export async function notify(deps: NotifyDeps, options: NotifyOptions): Promise<NotifyResult> {
  const template = findTemplate(deps.runbook, options.template);
  checkTemplateVars(deps.runbook, options.template, options.vars ?? {});
  const declared = new Set(template.placeholders.map((p) => p.name));
  const defaults = Object.fromEntries(
    Object.entries(options.defaults ?? {}).filter(([k]) => declared.has(k)),
  );
  const text = renderTemplate(deps.runbook, options.template, { ...defaults, ...options.vars }, deps.lang);
  if (deps.dryRun)
    return { text, sent: false, reason: 'dry run: would POST {"text": …} to the SLACK_WEBHOOK URL' };
  if (!deps.webhook)
    return { text, sent: false, reason: 'SLACK_WEBHOOK is not set: message printed, not sent' };
  const r = await postWebhook(deps.webhook, text, { timeoutMs: options.timeoutMs, signal: deps.signal });
  return r.sent ? { text, sent: true } : { text, sent: false, reason: r.reason };
}
