/** How the CLI ends: output drained before exit, environment failures as one line (issue 14). */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/cli.ts';

/** Bytes a process has written so far, from /proc (0 once it is gone). */
async function bytesWritten(pid: number): Promise<number> {
  const io = await readFile(`/proc/${pid}/io`, 'utf8').catch(() => '');
  return Number(/^wchar: (\d+)$/m.exec(io)?.[1] ?? 0);
}

describe('output through a pipe', () => {
  it('export --json read slowly through a pipe arrives whole, not cut at 64 KiB', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'runbook-pipe-')), 'export.json');
    // A file is written synchronously: the reference output.
    const ref = spawn(process.execPath, [BIN, 'export', '--json'], {
      cwd: ROOT,
      stdio: ['ignore', openSync(file, 'w'), 'inherit'],
    });
    await new Promise((r) => ref.once('close', r));
    const expected = readFileSync(file);
    expect(expected.length).toBeGreaterThan(65_536);

    // A real pipe (spawn's 'pipe' is a socket pair, with a larger buffer), read only when we choose.
    const fifo = join(dirname(file), 'stdout');
    execFileSync('mkfifo', [fifo]);
    const readEnd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeEnd = openSync(fifo, 'w');
    const child = spawn(process.execPath, [BIN, 'export', '--json'], {
      cwd: ROOT,
      stdio: ['ignore', writeEnd, 'inherit'],
    });
    closeSync(writeEnd);
    let exited = false;
    const closed = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    void closed.then(() => (exited = true));
    // Read nothing until the pipe is full (64 KiB written) or the process is gone, then a while longer:
    // a CLI that exits without draining stdout has lost the rest by then.
    while (!exited && (await bytesWritten(child.pid!)) < 65_536) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300));
    const reader = new Socket({ fd: readEnd, readable: true, writable: false });
    const chunks: Buffer[] = [];
    reader.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((r) => reader.once('end', r));
    const code = await closed;
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).length).toBe(expected.length);
  });
});
