import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertRules, defaultRunbook, type MetricCriterion } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli } from '../../../../test/helpers/cli.ts';
import { promtoolTests } from '../../src/procedures/promtool-tests.ts';
import { shortRunbook } from './_setup.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'runbook-alerts-'));

function promtool(args: string[]): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync('promtool', args, { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('alerts export', () => {
  it('writes a rule file that passes promtool check rules', async () => {
    const out = join(tmp(), 'rules.yml');
    const res = await runCli(['alerts', 'export', '--out', out, '--lang', 'en']);
    expect(res.code).toBe(0);
    const check = promtool(['check', 'rules', out]);
    expect(check.output).toContain('SUCCESS: 5 rules found');
    expect(check.ok).toBe(true);
    const rules = parse(readFileSync(out, 'utf8')).groups[0].rules;
    const errors = rules.find((r: { alert: string }) => r.alert === 'HighErrorRate');
    expect(errors.for).toBe('5m');
    expect(errors.labels.severity).toBe('critical');
    expect(errors.annotations.runbook_url).toBe('https://runbook.topsteel.com/en/blue-green/');
    expect(errors.annotations.action).toBe('Trigger rollback');
    expect(rules.find((r: { alert: string }) => r.alert === 'DbConnectionLost').expr).toBe(
      '(db_connections) == 0',
    );
  });

  it('follows the runbook: a changed threshold changes the exported rule (no drift)', async () => {
    const copy = shortRunbook((c) => {
      c[0]!.threshold = 0.08;
    });
    const before = await runCli(['alerts', 'export']);
    const after = await runCli(['alerts', 'export', '--runbook', copy]);
    expect(before.stdout).toMatch(/\[1m\]\)\)\) > 0\.05\n/);
    expect(after.stdout).toMatch(/\[3s\]\)\)\) > 0\.08\n/);
    expect(after.stdout).toContain('for: 6s');
  });

  it('--check runs promtool on stdout output too', async () => {
    const res = await runCli(['alerts', 'export', '--check']);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('SUCCESS');
  });
});

describe('alerts test', () => {
  it('passes on the plan, with one firing and one silent test per alert', async () => {
    const res = await runCli(['alerts', 'test', '--json']);
    const result = JSON.parse(res.stdout);
    expect(res.code).toBe(0);
    expect(result.ok).toBe(true);
    expect(result.tests).toBe(10);
  });

  it('passes on a runbook with shortened windows', async () => {
    const res = await runCli(['alerts', 'test', '--runbook', shortRunbook()]);
    expect(res.stdout).toContain('promtool test rules: ok');
    expect(res.code).toBe(0);
  });

  it('catches a rule whose for: or threshold differs from the criterion', () => {
    const runbook = defaultRunbook();
    const dir = tmp();
    const { file } = promtoolTests(runbook, alertRules(runbook, { lang: 'en' }), 'rules.yml');
    writeFileSync(join(dir, 'tests.yml'), stringify(file));
    const mutate = (change: (c: MetricCriterion) => void) => {
      const copy = structuredClone(runbook);
      change(copy.criteria[0] as MetricCriterion);
      writeFileSync(join(dir, 'rules.yml'), stringify(alertRules(copy, { lang: 'en' })));
      return promtool(['test', 'rules', join(dir, 'tests.yml')]);
    };
    expect(mutate(() => {}).ok).toBe(true);
    const shorter = mutate((c) => {
      c.window = '4m';
    });
    expect(shorter.ok).toBe(false);
    expect(shorter.output).toContain('HighErrorRate');
    expect(
      mutate((c) => {
        c.threshold = 0.06;
      }).ok,
    ).toBe(false);
    expect(
      mutate((c) => {
        c.threshold = 0.04;
      }).ok,
    ).toBe(false);
  });
});
