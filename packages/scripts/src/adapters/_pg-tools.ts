/** pg_dump and pg_restore, through the process runner: argv arrays, the password only in PGPASSWORD. */
import { EXIT, RunbookError } from '@runbook/core';
import { childArgs, childEnv, type DbConnection, dbError } from './_db-connection.ts';
import { type ProcessResult, runProcess } from './process.ts';

export interface ToolOptions {
  signal?: AbortSignal;
  /** Called with the child's pid once it runs (journals record it; tests kill it). */
  onSpawn?: (pid: number) => void;
  /** Keep stdout (pg_restore --list); otherwise it is dropped. */
  captureStdout?: boolean;
}

// A dump's table of contents or a table's rows can be large; they are parsed, never shown.
const STDOUT_LIMIT = 64 * 1024 * 1024;

/**
 * Runs a tool to its end; an abort stops it (SIGTERM, then SIGKILL after 5 s) and rejects with E_INTERRUPTED.
 * A tool that cannot start is an infrastructure error (exit 5) naming its package.
 */
export async function runTool(
  bin: 'pg_dump' | 'pg_restore',
  args: string[],
  env: NodeJS.ProcessEnv,
  options: ToolOptions = {},
): Promise<ProcessResult> {
  const result = await runProcess([bin, ...args], {
    env,
    signal: options.signal,
    onSpawn: options.onSpawn,
    stdout: options.captureStdout ? 'capture' : 'ignore',
    maxOutputBytes: STDOUT_LIMIT,
  });
  if (result.truncated)
    throw new RunbookError(
      'E_TOOL_OUTPUT',
      `${bin} wrote more than ${STDOUT_LIMIT / 1024 / 1024} MiB to read`,
      EXIT.infrastructure,
    );
  return result;
}

/** Runs `pg_dump`/`pg_restore` against `c` and throws a one-line error when it fails. */
export async function runPgTool(
  bin: 'pg_dump' | 'pg_restore',
  c: DbConnection,
  args: string[],
  options: ToolOptions & { database?: string; connect?: boolean } = {},
): Promise<ProcessResult> {
  const database = options.database ?? c.database;
  const connArgs = options.connect === false ? [] : [...childArgs(c), '-d', database];
  const result = await runTool(bin, [...connArgs, ...args], childEnv(c), options);
  if (result.signal)
    throw new RunbookError('E_TOOL_KILLED', `${bin} was killed by ${result.signal}`, EXIT.infrastructure);
  if (result.code !== 0)
    throw dbError(
      new Error(`${bin}: ${result.redact(result.stderr) || `exit code ${result.code}`}`),
      c,
      database,
    );
  return result;
}
