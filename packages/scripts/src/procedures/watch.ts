/** watch: decide every interval; notify when a criterion is breached; optionally run the emergency procedure once. */
import type { Lang, Runbook } from '@runbook/core';
import type { StepJournal } from '../journal.ts';
import { type DecideReport, type DecideSource, type Declaration, decide } from './decide.ts';

/** The journal step of an automatic rollback: once `started`, watch never runs it again for the incident. */
export const AUTO_ROLLBACK_STEP = 'watch/auto-rollback';

export interface WatchOptions {
  runbook: Runbook;
  source: DecideSource;
  lang: Lang;
  intervalMs: number;
  /** Stop after this many evaluations (tests); default until the signal aborts. */
  maxIterations?: number;
  signal?: AbortSignal;
  /** Declarations, read again at every evaluation (the incident journal). */
  declarations?: () => Promise<Declaration[]>;
  /** Sends one message (the webhook); its failure is reported, not thrown. */
  notify: (text: string) => Promise<{ sent: boolean; reason?: string }>;
  /** Each evaluation, for the person watching. */
  onReport?: (report: DecideReport, iteration: number) => void;
  log: (line: string) => void;
  /**
   * With `--auto-rollback`: the incident journal, and the emergency procedure to run in it. Without, a
   * breach only notifies.
   */
  autoRollback?: { journal: StepJournal; run: (report: DecideReport) => Promise<Record<string, unknown>> };
}

export interface WatchResult {
  iterations: number;
  last: DecideReport | null;
  notifications: number;
  /** Whether this run started the emergency procedure. */
  rolledBack: boolean;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function breachMessage(report: DecideReport): string {
  const breached = report.rows.filter((r) => r.verdict === 'breach');
  const what = breached.map((r) => `${r.label} (${r.valueText || r.note || r.threshold})`).join('; ');
  return `[runbook] ${report.action}: ${what}. Procedure: ${report.procedure}. Source: ${report.source}, ${report.at}.`;
}

/** Whether the journal shows an automatic rollback already begun (even one that never finished). */
export function autoRollbackBegun(journal: StepJournal): boolean {
  return Boolean(journal.completed(AUTO_ROLLBACK_STEP) || journal.unfinished(AUTO_ROLLBACK_STEP));
}

/**
 * Evaluates until aborted (SIGINT) or `maxIterations`. A notification goes out when the set of breached
 * criteria grows, not at every tick. The emergency procedure runs only with `autoRollback`, and at most
 * once per incident: the journal step is checked first, and `step()` itself skips a completed one.
 */
export async function watch(options: WatchOptions): Promise<WatchResult> {
  const result: WatchResult = { iterations: 0, last: null, notifications: 0, rolledBack: false };
  let notified = new Set<string>();
  while (
    !options.signal?.aborted &&
    (options.maxIterations === undefined || result.iterations < options.maxIterations)
  ) {
    const started = Date.now();
    const declarations = options.declarations ? await options.declarations() : [];
    let report: DecideReport;
    try {
      report = await decide(options.runbook, options.source, { declarations, lang: options.lang });
    } catch (err) {
      // Ctrl-C during a query stops the watch as it does between two evaluations.
      if (options.signal?.aborted) break;
      throw err;
    }
    result.iterations++;
    result.last = report;
    options.onReport?.(report, result.iterations);
    const breached = new Set(report.rows.filter((r) => r.verdict === 'breach').map((r) => r.criterion));
    if ([...breached].some((id) => !notified.has(id))) {
      const sent = await options.notify(breachMessage(report));
      result.notifications++;
      if (!sent.sent) options.log(`notification not sent: ${sent.reason ?? 'no webhook'}`);
    }
    notified = breached;
    if (report.outcome === 'rollback' && options.autoRollback) {
      const { journal, run } = options.autoRollback;
      if (autoRollbackBegun(journal)) {
        options.log(`auto-rollback: already started in incident ${journal.id}; not running it twice`);
      } else {
        options.log(`auto-rollback: running ${report.procedure} (incident ${journal.id})`);
        const breachedIds = [...breached];
        await journal.step(AUTO_ROLLBACK_STEP, { procedure: report.procedure, criteria: breachedIds }, () =>
          run(report),
        );
        result.rolledBack = true;
      }
    }
    const more = options.maxIterations === undefined || result.iterations < options.maxIterations;
    if (more) await sleep(Math.max(0, options.intervalMs - (Date.now() - started)), options.signal);
  }
  return result;
}
