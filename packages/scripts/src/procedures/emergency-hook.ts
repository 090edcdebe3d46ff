/** The one place watch --auto-rollback calls the emergency procedure (issue 4's `emergency`). */
import { RunbookError } from '@runbook/core';
import type { DecideReport } from './decide.ts';
import type { ProcedureDeps } from './deps.ts';

/**
 * Runs `emergency` in the watch incident. A failed emergency is thrown, so the journal step fails and
 * the exit code says so; the step having started is enough for watch never to start it again.
 */
export async function runEmergency(
  deps: ProcedureDeps,
  report: DecideReport,
  captureBase: string,
): Promise<Record<string, unknown>> {
  const { emergency } = await import('./emergency.ts');
  deps.log(`emergency (auto-rollback): ${report.action ?? 'rollback'}, plan procedure ${report.procedure}`);
  const result = await emergency(deps, { captureBase });
  if (!result.ok) {
    throw new RunbookError(
      'E_EMERGENCY',
      `emergency rollback failed: ${result.error ?? 'see the journal'}`,
      result.exitCode || 4,
    );
  }
  return { ok: result.ok, exitCode: result.exitCode, switchedTo: result.blueGreen?.to ?? null };
}
