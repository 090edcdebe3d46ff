/**
 * The automated full rollback: notify, capture, blue-green, verify, notify of the outcome. The final notice
 * always goes out, success or failure (the plan's `set -e` script never sends its failure notice).
 */
import { EMERGENCY_STATUS, EXIT, localize, RunbookError } from '@runbook/core';
import { withRollbackLock } from './_locked.ts';
import { type BlueGreenOptions, type BlueGreenResult, blueGreenRollback } from './blue-green.ts';
import { captureState } from './capture-state.ts';
import { appsOf, type ProcedureDeps } from './deps.ts';
import { type NotifyResult, notify } from './notify.ts';
import { type VerifyOptions, type VerifyResult, verify } from './verify.ts';

const STATUS = EMERGENCY_STATUS;

export interface EmergencyOptions {
  /** Folder the state capture goes under (the incident's folder in the CLI). */
  captureBase: string;
  /** Values for the internal template's placeholders. */
  vars?: Record<string, string>;
  blueGreen?: BlueGreenOptions;
  verify?: VerifyOptions;
}

export interface EmergencyResult {
  ok: boolean;
  exitCode: number;
  error?: string;
  notifications: { start?: NotifyResult; end?: NotifyResult };
  blueGreen?: BlueGreenResult;
  verification?: VerifyResult;
}

const hhmm = (d: Date) => d.toTimeString().slice(0, 5);

/** Runs the whole emergency procedure under the namespace lock; see the module comment. */
export async function emergency(deps: ProcedureDeps, options: EmergencyOptions): Promise<EmergencyResult> {
  const { journal } = deps;
  const procedure = deps.runbook.procedures.find((p) => p.id === 'emergency');
  const blue = await deps.kube.findDeployment(appsOf(deps.runbook)[0]!.blueDeployment).catch(() => null);
  const version =
    /:([^:/]+)$/.exec(blue?.spec?.template?.spec?.containers?.[0]?.image ?? '')?.[1] ??
    deps.runbook.meta.stableVersion;
  const base = {
    start: hhmm(new Date()),
    impact: `incident ${journal.id}`,
    version,
    eta: procedure?.targetDuration.max ?? '2m',
    followUp: `incidents/${journal.id}`,
  };
  const send = (name: string, status: keyof typeof STATUS) =>
    journal.step(name, { template: 'internal', status }, async () => {
      const r = await notify(deps, {
        template: 'internal',
        vars: options.vars,
        defaults: { ...base, status: localize(STATUS[status], deps.lang) },
      });
      deps.log(
        r.sent
          ? `✓ notification "${localize(STATUS[status], deps.lang)}" sent`
          : `! notification not sent: ${r.reason}`,
      );
      if (!r.sent) deps.out(r.text);
      return { ...r };
    }) as Promise<NotifyResult>;

  return withRollbackLock(deps, options.blueGreen?.lockHeld, async () => {
    const result: EmergencyResult = { ok: false, exitCode: EXIT.ok, notifications: {} };
    result.notifications.start = await send('notify-start', 'start');
    try {
      await captureState(deps, { outBase: options.captureBase }).catch((err: Error) => {
        // A failed capture must not hold up the rollback; the journal keeps the failure.
        deps.log(`! capture failed, continuing: ${err.message}`);
      });
      result.blueGreen = await blueGreenRollback(
        { ...deps, journal: journal.scoped('switch') },
        { ...options.blueGreen, lockHeld: true },
      );
      if (deps.dryRun) {
        deps.out('• verify: health, metrics, error logs, critical tests (pnpm runbook verify)');
        result.ok = true;
        return result;
      }
      result.verification = await verify(deps, options.verify);
      result.ok = result.verification.ok;
      result.exitCode = result.ok ? EXIT.ok : EXIT.verification;
      if (!result.ok) result.error = 'verification failed';
    } catch (err) {
      const e = err as RunbookError;
      result.ok = false;
      result.exitCode = e.exitCode ?? 70;
      result.error = e.message;
      if (!(err instanceof RunbookError)) throw err;
    } finally {
      result.notifications.end = await send('notify-end', result.ok ? 'ok' : 'failed');
    }
    return result;
  });
}
