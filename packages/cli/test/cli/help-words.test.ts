/** Issue 12: the tool's own words name no runbook; every `--help` reads the same for any service. */
import { describe, expect, it } from 'vitest';
import { PLAN_WORDS } from '../../../../test/helpers/billing.ts';
import { runCli } from '../../../../test/helpers/cli.ts';

/** The names listed under "Commands:" in a help text. */
function commandsOf(help: string): string[] {
  const block = help.split('Commands:\n')[1]?.split('\n\n')[0] ?? '';
  return block
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

describe('--help of every command and sub-command', () => {
  it('names no word of the built-in runbook (service, namespace, routes)', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    const helps: Array<[string, string]> = [['runbook', top.stdout]];
    for (const name of commandsOf(top.stdout)) {
      const r = await runCli([name, '--help']);
      expect(r.code, `${name} --help`).toBe(0);
      helps.push([name, r.stdout]);
      for (const sub of commandsOf(r.stdout)) {
        const s = await runCli([name, sub, '--help']);
        expect(s.code, `${name} ${sub} --help`).toBe(0);
        helps.push([`${name} ${sub}`, s.stdout]);
      }
    }
    expect(helps.length).toBeGreaterThan(20);
    const leaks = helps.flatMap(([name, text]) =>
      text
        .split('\n')
        .filter((line) => PLAN_WORDS.test(line))
        .map((line) => `${name}: ${line.trim()}`),
    );
    expect(leaks).toEqual([]);
  });
});
