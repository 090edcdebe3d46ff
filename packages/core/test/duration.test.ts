import { describe, expect, it } from 'vitest';
import { parseDuration, parseTimerDuration } from '../src/index.ts';

describe('parseDuration', () => {
  it('refuses a number too long to be finite', () => {
    expect(() => parseDuration(`${'9'.repeat(400)}s`, 'window')).toThrow(
      /^window: expected a duration like 30s or 5m, got "9{400}s"$/,
    );
  });
});

describe('parseTimerDuration', () => {
  it('takes 1ms to 24d', () => {
    expect(parseTimerDuration('1ms', '--timeout')).toBe(1);
    expect(parseTimerDuration('24d', '--timeout')).toBe(24 * 86_400_000);
  });

  it.each(['0s', '0.0001ms', '25d', '30d', '100000h'])('refuses %s, naming the flag', (text) => {
    expect(() => parseTimerDuration(text, '--timeout')).toThrow(
      `--timeout: expected a duration from 1ms to 24d (like 30s or 5m), got "${text}"`,
    );
  });
});
