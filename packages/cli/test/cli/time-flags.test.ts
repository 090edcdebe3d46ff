/** Times and durations people type: the future, zero and lengths no timer can hold are usage errors. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';

const firstLine = (text: string) => text.trim().split('\n')[0];

describe('runbook escalation --since', () => {
  it('refuses a time in the future: exit 2, one line naming the flag and what was expected', async () => {
    const future = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const r = await runCli(['escalation', '--since', future]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(firstLine(r.stderr)).toBe(
      `error: --since: expected a time in the past (the incident's start), got ${JSON.stringify(future)}, which is in the future`,
    );
  });

  it('still takes a past time, and one a few seconds ahead (clocks differ)', async () => {
    const past = new Date(Date.now() - 20 * 60_000).toISOString();
    const past20 = await runCli(['escalation', '--since', past, '--json']);
    expect(past20.code).toBe(0);
    expect(JSON.parse(past20.stdout).minutes).toBe(20);
    const skew = await runCli([
      'escalation',
      '--since',
      new Date(Date.now() + 10_000).toISOString(),
      '--json',
    ]);
    expect(skew.code).toBe(0);
    expect(JSON.parse(skew.stdout).minutes).toBe(0);
  });
});

describe('duration flags', () => {
  it.each([
    [
      'decide --timeout 30d',
      ['decide', '--timeout', '30d', '--prometheus', 'http://127.0.0.1:1'],
      '--timeout',
    ],
    [
      'decide --interval <400 digits>s',
      ['decide', '--interval', `${'9'.repeat(400)}s`, '--metrics-url', 'http://127.0.0.1:1/metrics'],
      '--interval',
    ],
    [
      'notify --timeout 25d',
      ['notify', '--template', 'customer', '--timeout', '25d', '--dry-run'],
      '--timeout',
    ],
    [
      'watch --interval 100000h',
      ['watch', '--interval', '100000h', '--prometheus', 'http://127.0.0.1:1'],
      '--interval',
    ],
  ])('%s: exit 2, naming the flag and the longest it may be', async (_name, args, flag) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(
      new RegExp(`^error: ${flag}: expected a duration from 1ms to 24d \\(like 30s or 5m\\), got "`),
    );
  });

  it('zero is refused too', async () => {
    const r = await runCli(['notify', '--template', 'customer', '--timeout', '0s', '--dry-run']);
    expect(r.code).toBe(2);
    expect(firstLine(r.stderr)).toMatch(/^error: --timeout: expected a duration from 1ms to 24d/);
  });
});
