import { UsageError } from '../errors.ts';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses `30s`, `5m`, `1.5h`, `90d` into milliseconds. */
export function parseDuration(text: string, what = 'duration'): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : Number.NaN;
  if (!Number.isFinite(ms))
    throw new UsageError(`${what}: expected a duration like 30s or 5m, got "${text}"`);
  return ms;
}

/**
 * The longest wait a timer holds: Node's setTimeout (and AbortSignal.timeout) take at most 2^31−1 ms, about
 * 24.8 days, and fire at once beyond it. 24 days keeps the bound readable.
 */
export const MAX_TIMER_MS = 24 * UNIT_MS.d;

/** A duration a program waits for (`--timeout`, `--interval`, `--deadline`): at least 1 ms, at most 24 days. */
export function parseTimerDuration(text: string, what: string): number {
  const expected = `${what}: expected a duration from 1ms to 24d (like 30s or 5m), got "${text}"`;
  let ms: number;
  try {
    ms = parseDuration(text, what);
  } catch {
    throw new UsageError(expected);
  }
  if (ms < 1 || ms > MAX_TIMER_MS) throw new UsageError(expected);
  return ms;
}

/** Formats milliseconds for people: `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}
