/** `./runbook` at the repository's root: the CLI without pnpm's start-up, as the README and the printout quote it. */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinPlan } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, runProcess } from '../../../../test/helpers/cli.ts';

const SCRIPT = join(ROOT, 'runbook');
const env = { ...process.env, NO_COLOR: '1' };

/** `./runbook show blue-green --to blue` → `show blue-green`: the command and what may be its sub-command. */
function quoted(text: string): string[] {
  return [...text.matchAll(/\.\/runbook ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)].map((m) =>
    [m[1], m[2]].filter(Boolean).join(' '),
  );
}

describe('./runbook', () => {
  it('is an executable that runs the CLI, from the root and from any folder', async () => {
    const viaNode = await runCli(['--help']);
    const here = await runProcess(SCRIPT, ['--help'], { env });
    const elsewhere = await runProcess(SCRIPT, ['--help'], { env, cwd: tmpdir() });
    expect(here.code).toBe(0);
    expect(here.stdout).toBe(viaNode.stdout);
    expect(elsewhere.stdout).toBe(viaNode.stdout);
    const failing = await runProcess(SCRIPT, ['no-such-command'], { env });
    expect(failing.code).toBe(2);
  });

  it('is how the README and the built-in runbook quote commands, each naming a real one', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/pnpm runbook \w/);
    const fromPlan = quoted(JSON.stringify(builtinPlan));
    expect(JSON.stringify(builtinPlan)).not.toContain('pnpm runbook');
    const commands = [...new Set([...quoted(readme), ...fromPlan])];
    expect(commands.length).toBeGreaterThan(15);
    for (const command of commands) {
      // `show blue-green`: an argument, not a sub-command; `--help` of the command alone says so.
      const words = command.split(' ');
      let r = await runProcess(SCRIPT, [...words, '--help'], { env });
      if (r.code !== 0 && words.length === 2) r = await runProcess(SCRIPT, [words[0]!, '--help'], { env });
      expect(r.code, `./runbook ${command} --help: ${r.stderr}`).toBe(0);
    }
  });
});
