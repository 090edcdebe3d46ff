/** `runbook show` read at 3 a.m.: an example never looks like a command, a destructive shortcut says so and checks first. */
import { builtinPlan, t } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';

describe('runbook show', () => {
  it('prints an example command under its mark, with no prompt to copy from', async () => {
    const procedure = builtinPlan.procedures.find((p) =>
      p.steps.some((s) => s.commands.some((c) => c.example)),
    );
    expect(procedure).toBeDefined();
    const example = procedure!.steps.flatMap((s) => s.commands).find((c) => c.example)!;
    const r = await runCli(['show', procedure!.id, '--lang', 'en']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes(`[${t('exampleAdapt', 'en')}]`));
    expect(at).toBeGreaterThan(-1);
    for (const [i, code] of example!.code.split('\n').entries()) {
      expect(lines[at + 1 + i]?.trim()).toBe(code);
      expect(lines[at + 1 + i]).not.toMatch(/^\s*(\$|sql>)/);
    }
  });

  it('marks the destructive quick command and prints its readiness check before it', async () => {
    const r = await runCli(['show', 'quick-commands', '--lang', 'en']);
    expect(r.code).toBe(0);
    const q = builtinPlan.quickCommands.find((c) => c.destructive && c.check)!;
    expect(q).toBeDefined();
    expect(r.stdout).toContain(`${q.alias}: ${q.title.en} [${t('destructive', 'en')}]`);
    const check = r.stdout.indexOf(q.check!.manual);
    const run = r.stdout.indexOf(`$ ${q.runbook}\n`);
    expect(check).toBeGreaterThan(-1);
    expect(run).toBeGreaterThan(check);
    expect(q.runbook).not.toMatch(/--yes\b/);
  });
});
