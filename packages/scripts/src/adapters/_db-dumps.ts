/** The db adapter's calls on dump files: pg_dump writes one, pg_restore checks, reads and restores it. */
import { chmod, rename, rm, stat, writeFile } from 'node:fs/promises';
import { EXIT, RunbookError } from '@runbook/core';
import type { DbConnection } from './_db-connection.ts';
import { type DumpInfo, parseCopyRows, parseDumpList } from './_dump-info.ts';
import { runPgTool, runTool, type ToolOptions } from './_pg-tools.ts';

export interface DumpCalls {
  /** `pg_dump -Fc` to `file`, written under a temporary name and renamed once complete. */
  dump(
    database: string,
    file: string,
    options?: ToolOptions & { compress?: number },
  ): Promise<{ bytes: number }>;
  /** `pg_restore --list`: exists and is a custom-format archive, or a one-line error (exit 3). */
  inspectDump(file: string): Promise<DumpInfo>;
  /** Reads every data block (`pg_restore -f /dev/null`): catches a truncated or corrupt archive. */
  readDump(file: string, options?: ToolOptions): Promise<void>;
  /** `pg_restore --exit-on-error --no-owner` into an existing empty database. */
  restore(
    file: string,
    database: string,
    options?: ToolOptions & { jobs?: number; clean?: boolean },
  ): Promise<void>;
  /** Rows a dump holds for one table (`pg_restore --data-only --table`), without restoring it. */
  dumpTableRows(file: string, table: string): Promise<Array<Record<string, string | null>>>;
}

export function dumpCalls(c: DbConnection): DumpCalls {
  return {
    async dump(database, file, options = {}) {
      const partial = `${file}.partial`;
      try {
        // A dump is the whole database: made 0600 before pg_dump writes a byte (it keeps an existing file's mode).
        await writeFile(partial, '', { mode: 0o600 });
        await chmod(partial, 0o600);
        const level = options.compress === undefined ? [] : ['-Z', String(options.compress)];
        await runPgTool('pg_dump', c, ['-w', '-Fc', ...level, '-f', partial], { ...options, database });
        await rename(partial, file);
      } catch (e) {
        await rm(partial, { force: true });
        throw e;
      }
      return { bytes: (await stat(file)).size };
    },
    async inspectDump(file) {
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        throw new RunbookError(
          'E_BACKUP_MISSING',
          `backup file not found: ${file}`,
          EXIT.precondition,
          "list the available dumps with 'runbook db-backups'",
        );
      }
      const r = await runTool('pg_restore', ['--list', file], process.env, { captureStdout: true });
      const parsed = r.code === 0 ? parseDumpList(file, r.stdout) : null;
      if (parsed?.format !== 'CUSTOM') {
        const why = parsed
          ? `format ${parsed.format}`
          : toolError(r.redact(r.stderr)) || `exit code ${r.code}`;
        throw new RunbookError(
          'E_BACKUP_INVALID',
          `${file} is not a readable custom-format dump (${why})`,
          EXIT.precondition,
          'take backups with pg_dump -Fc',
        );
      }
      return parsed;
    },
    async readDump(file, options = {}) {
      const r = await runTool('pg_restore', ['-f', '/dev/null', file], process.env, options);
      if (r.code !== 0) {
        throw new RunbookError(
          'E_BACKUP_INVALID',
          `${file} cannot be read to its end (${toolError(r.redact(r.stderr)) || r.signal || r.code})`,
          EXIT.verification,
        );
      }
    },
    async restore(file, database, options = {}) {
      const args = ['-w', '--no-owner', '--exit-on-error'];
      if (options.clean) args.push('--clean', '--if-exists');
      if (options.jobs && options.jobs > 1) args.push('--jobs', String(options.jobs));
      await runPgTool('pg_restore', c, [...args, file], { ...options, database });
    },
    async dumpTableRows(file, table) {
      const [schema, name] = table.includes('.') ? table.split('.', 2) : [undefined, table];
      const args = [
        '--data-only',
        '--table',
        name!,
        ...(schema ? ['--schema', schema] : []),
        '-f',
        '-',
        file,
      ];
      const { stdout } = await runPgTool('pg_restore', c, args, { connect: false, captureStdout: true });
      return parseCopyRows(stdout);
    },
  };
}

/** The first error line of a tool's stderr, without its `pg_restore: error:` prefix. */
function toolError(stderr: string): string {
  const lines = stderr.split('\n').filter(Boolean);
  return (lines.find((l) => /error:/.test(l)) ?? lines[0] ?? '').replace(/^pg_\w+: (error: )?/, '').trim();
}
