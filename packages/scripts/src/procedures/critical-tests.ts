/** The critical-path tests as a command (the runbook's `npm run test:critical`), through the process runner. */
import { howItEnded, runProcess } from '../adapters/process.ts';

export interface CriticalTestsOutcome {
  ok: boolean;
  /** One line: the command (redacted), how it ended, how long it took and, on failure, its last lines. */
  detail: string;
}

/**
 * Runs `argv` with a deadline. A failing or timed-out command is a failed check; a command that cannot start
 * is an infrastructure error (exit 5), and an abort is an interruption (130): neither says the release is bad.
 */
export async function runCriticalTests(
  argv: readonly string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CriticalTestsOutcome> {
  const r = await runProcess(argv, { timeoutMs, signal });
  const ok = r.code === 0 && !r.timedOut;
  const tail = r.output.split('\n').slice(-3).join(' | ');
  const ended = ok ? 'exit 0' : howItEnded(r);
  return {
    ok,
    detail: `${r.command} → ${ended} in ${(r.durationMs / 1000).toFixed(1)} s${ok ? '' : `: ${tail.slice(0, 200)}`}`,
  };
}
