/** The one process runner, with real children: argv reaches them verbatim, and they are stopped when asked. */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure } from '../../../../test/helpers/errors.ts';
import { howItEnded, type ProcessResult, runProcess } from '../../src/adapters/process.ts';
import { createRedactor } from '../../src/redact.ts';

const node = (script: string, ...args: string[]) => [process.execPath, '-e', script, ...args];
const tmp = () => mkdtempSync(join(tmpdir(), 'runbook-process-'));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('runProcess: argv', () => {
  it('reaches the program verbatim, with no shell in between', async () => {
    const dir = tmp();
    const marker = join(dir, 'marker');
    const tricky = [
      'two words',
      `"double" and 'single' quotes`,
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `; touch ${marker}`,
      `&& touch ${marker} |`,
      '*',
      '$HOME',
      'back\\slash\nnew line',
      '',
      'ünïcödé',
    ];
    let cmdline = '';
    const r = await runProcess(
      node('process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...tricky),
      {
        onSpawn: (pid) => {
          cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        },
      },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(tricky);
    expect(existsSync(marker)).toBe(false);
    // The pid handed out is the program's own: its argv[0] is node, not a shell.
    expect(cmdline.split('\0')[0]).toBe(process.execPath);
  });

  it('gives the child exactly the env it is passed', async () => {
    const r = await runProcess(node('process.stdout.write(JSON.stringify(process.env))'), {
      env: { ONLY: 'this', PATH: process.env.PATH },
    });
    expect(JSON.parse(r.stdout)).toEqual({ ONLY: 'this', PATH: process.env.PATH });
  });

  it('resolves with the exit code and stderr of a failing program; stdout can be dropped', async () => {
    const r = await runProcess(node('console.log("out"); console.error("bad thing"); process.exit(3)'), {
      stdout: 'ignore',
    });
    expect([r.code, r.signal, r.timedOut, r.stdout, r.stderr]).toEqual([3, null, false, '', 'bad thing\n']);
    expect(howItEnded(r)).toBe('exit 3');
  });
});

describe('runProcess: cannot start', () => {
  it('a missing tool is an infrastructure error naming it and the Debian package that ships it', async () => {
    const e = await failure(runProcess(['/nonexistent/pg_dump', '--password=hunter2-secret'], {}));
    expect([e.code, e.exitCode]).toEqual(['E_TOOL_MISSING', 5]);
    expect(e.message).toBe('/nonexistent/pg_dump not found');
    expect(e.hint).toBe('install it: apt-get install -y postgresql-client (it ships pg_dump)');
    expect(`${e.message} ${e.hint}`).not.toContain('hunter2');

    const promtool = await failure(runProcess(['/nonexistent/bin'], { tool: 'promtool' }));
    expect(promtool.hint).toBe('install it: apt-get install -y prometheus (it ships promtool)');
  });

  it('a file that is not executable is an infrastructure error too', async () => {
    const file = join(tmp(), 'not-executable');
    writeFileSync(file, 'echo hi\n');
    chmodSync(file, 0o644);
    const e = await failure(runProcess([file]));
    expect([e.code, e.exitCode, e.message]).toEqual(['E_TOOL_START', 5, `${file} cannot start (EACCES)`]);
  });
});

describe('runProcess: stopping', () => {
  it('a timeout stops the program (SIGTERM) and says so', async () => {
    let pid = 0;
    const r = await runProcess(node('setInterval(() => {}, 1000)'), {
      timeoutMs: 200,
      onSpawn: (p) => {
        pid = p;
      },
    });
    expect([r.timedOut, r.signal, r.code]).toEqual([true, 'SIGTERM', null]);
    expect(howItEnded(r)).toMatch(/^timed out after \d+\.\d s$/);
    expect(alive(pid)).toBe(false);
  });

  it('a program that ignores SIGTERM gets SIGKILL after the grace period', async () => {
    const dir = tmp();
    const ready = join(dir, 'ready');
    const seen = join(dir, 'seen');
    const script = `
      const fs = require('node:fs');
      process.on('SIGTERM', () => fs.writeFileSync(${JSON.stringify(seen)}, 'SIGTERM'));
      fs.writeFileSync(${JSON.stringify(ready)}, '');
      setInterval(() => {}, 1000);`;
    const ac = new AbortController();
    let pid = 0;
    const run = runProcess(node(script), {
      signal: ac.signal,
      graceMs: 300,
      onSpawn: (p) => {
        pid = p;
      },
    });
    await until('the SIGTERM handler is set', () => existsSync(ready));
    ac.abort();
    expect((await failure(run)).code).toBe('E_INTERRUPTED');
    expect(readFileSync(seen, 'utf8')).toBe('SIGTERM');
    expect(alive(pid)).toBe(false);
  });

  it('an abort stops the program and its children, then rejects with E_INTERRUPTED (exit 130)', async () => {
    const dir = tmp();
    const pidFile = join(dir, 'grandchild.pid');
    const script = `
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(g.pid));
      setInterval(() => {}, 1000);`;
    const ac = new AbortController();
    let pid = 0;
    const run = runProcess(node(script), {
      signal: ac.signal,
      onSpawn: (p) => {
        pid = p;
      },
    });
    await until('the grandchild started', () => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '');
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    ac.abort(new Error('interrupted by SIGTERM'));
    const e = await failure(run);
    expect([e.code, e.exitCode, e.message]).toEqual(['E_INTERRUPTED', 130, 'interrupted by SIGTERM']);
    // The runner waited for the child to end before rejecting.
    expect(alive(pid)).toBe(false);
    await until('the grandchild is gone', () => !alive(grandchild));
  });

  it('an already aborted signal starts nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    let started = false;
    const e = await failure(
      runProcess(node(''), {
        signal: ac.signal,
        onSpawn: () => {
          started = true;
        },
      }),
    );
    expect([e.code, started]).toEqual(['E_INTERRUPTED', false]);
  });
});

describe('runProcess: output', () => {
  it('keeps at most maxOutputBytes per stream and drains the rest, so the program does not block', async () => {
    const r = await runProcess(
      node('process.stdout.write("x".repeat(3 * 1024 * 1024)); process.stderr.write("e".repeat(10))'),
      { maxOutputBytes: 1024 * 1024 },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(1024 * 1024);
    expect(r.stderr).toBe('e'.repeat(10));
    expect(r.truncated).toBe(true);
  });

  it('redacts secrets of the env and of secret-looking flags from the command and the output it shows', async () => {
    const secret = 'pg-secret-value-42';
    const r: ProcessResult = await runProcess(
      node(
        'console.error("connecting with", process.env.PGPASSWORD, process.env.STRIPE_SK, "and", process.argv[2]); process.exit(1)',
        '--',
        '--api-token',
        'tok-secret-99',
        `--db-password=${secret}`,
      ),
      {
        env: { PGPASSWORD: secret, STRIPE_SK: 'sk_live_271828', PATH: process.env.PATH },
        redact: createRedactor(['tok-secret-99']),
      },
    );
    expect(r.code).toBe(1);
    // Raw stderr is for parsing; what may be shown is redacted.
    expect(r.stderr).toContain(secret);
    for (const shown of [r.output, r.command, r.redact(r.stderr)]) {
      expect(shown).not.toContain(secret);
      expect(shown).not.toContain('tok-secret-99');
      expect(shown).not.toContain('sk_live_271828');
    }
    expect(r.output).toBe('connecting with [redacted] [redacted] and [redacted]');
    expect(r.command).toContain('--api-token [redacted] --db-password=[redacted]');
  });
});
