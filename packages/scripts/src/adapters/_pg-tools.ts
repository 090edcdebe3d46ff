/** pg_dump and pg_restore, spawned with argv arrays: no shell ever sees a name or a path. */
import { spawn } from 'node:child_process';
import { EXIT, RunbookError } from '@runbook/core';
import { childArgs, childEnv, type DbConnection, dbError } from './_db-connection.ts';
import { interrupted } from './_time.ts';

export interface ToolResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ToolOptions {
  signal?: AbortSignal;
  /** Called with the child's pid once it runs (journals record it; tests kill it). */
  onSpawn?: (pid: number) => void;
  /** Keep stdout (pg_restore --list); otherwise it is dropped. */
  captureStdout?: boolean;
}

/** Runs a tool to its end; an abort sends SIGTERM, then SIGKILL after 5 s. Never rejects except when it cannot start. */
export function runTool(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: ToolOptions = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      env,
      stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('spawn', () => child.pid && options.onSpawn?.(child.pid));
    child.once('error', (e) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Runs `pg_dump`/`pg_restore` against `c` and throws a one-line error when it fails. */
export async function runPgTool(
  bin: 'pg_dump' | 'pg_restore',
  c: DbConnection,
  args: string[],
  options: ToolOptions & { database?: string; connect?: boolean } = {},
): Promise<ToolResult> {
  const database = options.database ?? c.database;
  const connArgs = options.connect === false ? [] : [...childArgs(c), '-d', database];
  let result: ToolResult;
  try {
    result = await runTool(bin, [...connArgs, ...args], childEnv(c), options);
  } catch (e) {
    throw dbError(
      new Error(`${bin} cannot start: ${(e as Error).message} (is the PostgreSQL client installed?)`),
      c,
      database,
    );
  }
  if (options.signal?.aborted) throw interrupted(options.signal);
  if (result.signal)
    throw new RunbookError('E_TOOL_KILLED', `${bin} was killed by ${result.signal}`, EXIT.infrastructure);
  if (result.code !== 0)
    throw dbError(new Error(`${bin}: ${result.stderr || `exit code ${result.code}`}`), c, database);
  return result;
}
