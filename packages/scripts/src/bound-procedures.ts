/**
 * The procedures with their deps already given: what `connect()` hands a script (`rb.rollback.blueGreen()`),
 * each call journaled in the connection's incident and run under the namespace lock where it changes things.
 */
import { RunbookError } from '@runbook/core';
import type { Journal } from './journal.ts';
import { type BlueGreenOptions, type BlueGreenResult, blueGreenRollback } from './procedures/blue-green.ts';
import { type CaptureResult, captureState } from './procedures/capture-state.ts';
import { type DecideReport, type Declaration, decide } from './procedures/decide.ts';
import { decideSource, type SourceOptions } from './procedures/decide-source.ts';
import type { ProcedureDeps } from './procedures/deps.ts';
import { type EmergencyOptions, type EmergencyResult, emergency } from './procedures/emergency.ts';
import { type NativeOptions, type NativeResult, nativeRollback } from './procedures/native.ts';
import { type NotifyResult, notify } from './procedures/notify.ts';
import { type PostmortemResult, writePostmortem } from './procedures/postmortem.ts';
import { type VerifyOptions, type VerifyResult, verify } from './procedures/verify.ts';
import { type VersionOptions, type VersionResult, versionRollback } from './procedures/version.ts';
import type { Redactor } from './redact.ts';

export interface DecideCallOptions extends SourceOptions {
  /** Evaluate at this time (epoch ms; Prometheus only). */
  atMs?: number;
  /** Events people declared (data loss, security, payment). */
  declarations?: Declaration[];
}

export interface BoundProcedures {
  rollback: {
    /** Switches every app's service to `to` (default blue), refused unless the target is fully Ready. */
    blueGreen(options?: BlueGreenOptions): Promise<BlueGreenResult>;
    /** `kubectl rollout undo`, checked: to the previous revision or `toRevision`. */
    native(options?: NativeOptions): Promise<NativeResult>;
    /** Pins every app to the image tag `tag`, which the runbook must declare. */
    version(options: VersionOptions): Promise<VersionResult>;
  };
  /** Notify, capture, blue-green, verify, notify of the outcome; the final notice always goes out. */
  emergency(options?: Partial<EmergencyOptions>): Promise<EmergencyResult>;
  /** Health, error rate and P95, ERROR in logs, critical-path tests; `ok` false when any fails. */
  verify(options?: VerifyOptions): Promise<VerifyResult>;
  /**
   * Fills a template and posts it to SLACK_WEBHOOK; `sent` false (journaled as failed) when it could not.
   * `defaults` fill the placeholders not given, unchecked, as the procedures' own notices do.
   */
  notify(
    template: string,
    vars?: Record<string, string>,
    options?: { timeoutMs?: number; defaults?: Record<string, string> },
  ): Promise<NotifyResult>;
  /** Evaluates every rollback criterion; `exitCode` 0 no rollback, 10 roll back, 11 inconclusive. */
  decide(options?: DecideCallOptions): Promise<DecideReport>;
  /** Saves deployments, pods, services, endpoints and logs under the incident (or `outBase`). */
  capture(options?: { outBase?: string; tailLines?: number }): Promise<CaptureResult>;
  /** Writes the incident's post-mortem draft from its journal (`incidents/<id>/postmortem.md`). */
  postmortem(vars?: Record<string, string>): Promise<PostmortemResult>;
}

/** Thrown inside the notice's journal step only, so that a failed send is journaled as failed. */
class NotSent extends RunbookError {}

export interface BindOptions {
  journal: Journal;
  /** Where incident journals are, for the post-mortem. */
  baseDir: string;
  redact: Redactor;
}

/**
 * The deps of one call. A procedure called again in the same connection journals its steps under
 * `<name>-2/`, `<name>-3/`…: otherwise its steps would be taken as done, as on a resume (a switch to blue
 * and back would find the first switch's selectors already recorded). A resumed script that calls them in
 * the same order finds its own steps again.
 */
function perCall(deps: ProcedureDeps, journal: Journal) {
  const calls = new Map<string, number>();
  return (name: string): ProcedureDeps => {
    const n = (calls.get(name) ?? 0) + 1;
    calls.set(name, n);
    return n === 1 ? deps : { ...deps, journal: journal.scoped(`${name}-${n}`) };
  };
}

export function bindProcedures(
  deps: ProcedureDeps,
  { journal, baseDir, redact }: BindOptions,
): BoundProcedures {
  const call = perCall(deps, journal);
  return {
    rollback: {
      blueGreen: (options = {}) => blueGreenRollback(call('blue-green'), options),
      native: (options = {}) => nativeRollback(call('native'), options),
      version: (options) => versionRollback(call('version'), options),
    },
    emergency: (options = {}) => emergency(call('emergency'), { captureBase: journal.dir, ...options }),
    verify: (options = {}) => verify(call('verify'), options),
    async notify(template, vars = {}, options = {}) {
      let result: NotifyResult | undefined;
      try {
        await journal.check(`notify/${template}`, { template, vars }, async () => {
          result = await notify(deps, { template, vars, ...options });
          if (!result.sent && deps.webhook && !deps.dryRun)
            throw new NotSent('E_WEBHOOK', `not sent: ${result.reason ?? 'unknown'}`, 5);
          return { sent: result.sent, ...(result.reason ? { reason: result.reason } : {}) };
        });
      } catch (err) {
        if (!(err instanceof NotSent)) throw err;
      }
      return result!;
    },
    async decide(options = {}) {
      const source = await decideSource(
        { ...deps, kube: () => deps.kube },
        { signal: deps.signal, ...options },
      );
      const report = await decide(deps.runbook, source, { ...options, lang: deps.lang });
      await journal.check('decide', { source: report.source }, () => ({
        outcome: report.outcome,
        procedure: report.procedure,
      }));
      return report;
    },
    capture: (options = {}) => captureState(deps, { outBase: journal.dir, ...options, redact }),
    postmortem: (vars) =>
      writePostmortem(deps.runbook, { baseDir, incident: journal.id, lang: deps.lang, vars }),
  };
}
