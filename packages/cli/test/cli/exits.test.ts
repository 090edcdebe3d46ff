/** How the CLI ends: output drained before exit, environment failures as one line (issue 14). */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type AddressInfo, createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../../../../test/helpers/cli.ts';

/** Bytes a process has written so far, from /proc (0 once it is gone). */
async function bytesWritten(pid: number): Promise<number> {
  const io = await readFile(`/proc/${pid}/io`, 'utf8').catch(() => '');
  return Number(/^wchar: (\d+)$/m.exec(io)?.[1] ?? 0);
}

/** A real pipe (spawn's 'pipe' is a socket pair, with a larger buffer), to be read only when we choose. */
function realPipe(): { readEnd: number; writeEnd: number } {
  const fifo = join(mkdtempSync(join(tmpdir(), 'runbook-fifo-')), 'stdout');
  execFileSync('mkfifo', [fifo]);
  const readEnd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  return { readEnd, writeEnd: openSync(fifo, 'w') };
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

    const { readEnd, writeEnd } = realPipe();
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

  it('a reader that closes early (| head) ends the run quietly with exit 0', async () => {
    const { readEnd, writeEnd } = realPipe();
    const child = spawn(process.execPath, [BIN, 'export', '--json'], {
      cwd: ROOT,
      stdio: ['ignore', writeEnd, 'pipe'],
    });
    closeSync(writeEnd);
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    let exited = false;
    const closed = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
    void closed.then(() => (exited = true));
    // Once the pipe is full the rest of the output waits; closing the read end makes that write fail (EPIPE).
    while (!exited && (await bytesWritten(child.pid!)) < 65_536) await new Promise((r) => setTimeout(r, 10));
    closeSync(readEnd);
    expect({ code: await closed, stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('environment failures and bad input as one line', () => {
  it('sim up on a port already taken: exit 5, one line naming the port, no stack', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const { port } = taken.address() as AddressInfo;
    try {
      const r = await runCli(['sim', 'up', '--port', String(port)]);
      expect(r.code).toBe(5);
      expect(r.stderr).toBe(
        `error: --port: 127.0.0.1:${port} is already in use (EADDRINUSE)\nhint: choose another port, or stop what listens on it\n`,
      );
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });

  it('sim up --fault with an unknown version is a usage error listing the valid ones', async () => {
    const r = await runCli(['sim', 'up', '--fault', 'gren:down']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: --fault: unknown version "gren" in "gren:down"; expected blue, green or an image tag (v1.2.2, v1.2.3, v1.2.4)\n',
    );
  });

  it('a runbook file over 5 MB is refused before it is parsed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'runbook-big-')), 'runbook.json');
    writeFileSync(file, `{"meta": ${' '.repeat(6 * 1024 * 1024)}}`);
    for (const command of ['show', 'check']) {
      const r = await runCli([command, '--runbook', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: --runbook: "${file}" is 6.0 MB; a runbook file is at most 5 MB\n`);
    }
  });
});
