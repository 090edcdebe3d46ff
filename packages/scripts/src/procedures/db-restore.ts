/**
 * The two safety steps the plan lacked: a verified snapshot of what is there, and a restore that never
 * touches the live database until a fully restored copy can take its name in one transaction.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT, RunbookError } from '@runbook/core';
import type { DbAdapter, DumpInfo } from '../adapters/db.ts';
import { interrupted } from '../adapters/time.ts';

/** `YYYYMMDDHHMMSS` in UTC: sortable, and valid in a database name. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

const MAX_NAME_BYTES = 63;

/** `<base><suffix>`, with `base` shortened so PostgreSQL does not silently truncate the name. */
export function derivedName(base: string, suffix: string): string {
  let head = base;
  while (Buffer.byteLength(head + suffix) > MAX_NAME_BYTES) head = head.slice(0, -1);
  return head + suffix;
}

/** Names used by one rollback of `database` at `stamp`. */
export function rollbackNames(database: string, stamp: string): { restore: string; keep: string } {
  return {
    restore: derivedName(database, `_restore_${stamp}`),
    keep: derivedName(database, `_before_rollback_${stamp}`),
  };
}

export interface Snapshot {
  path: string;
  bytes: number;
  tables: string[];
}

/** `pg_dump -Fc` of the live database, then `pg_restore --list` and a full read: no snapshot, no restore. */
export async function takeSafetySnapshot(
  db: DbAdapter,
  database: string,
  dir: string,
  stamp: string,
  options: { signal?: AbortSignal; onSpawn?: (pid: number) => void; fullRead?: boolean } = {},
): Promise<Snapshot> {
  await mkdir(dir, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new RunbookError(
      'E_SNAPSHOT',
      `cannot create the snapshot directory ${dir} (${e.code})`,
      EXIT.precondition,
      'pass --snapshot-dir DIR',
    );
  });
  const path = join(dir, `${database}_safety_${stamp}.dump`);
  let bytes: number;
  try {
    // Level 1: the API is down while this runs, and it halves pg_dump's time for a few % of size.
    ({ bytes } = await db.dump(database, path, { ...options, compress: 1 }));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new RunbookError(
      'E_SNAPSHOT',
      `safety snapshot failed, nothing restored: ${why}`,
      (e as RunbookError).exitCode ?? EXIT.infrastructure,
    );
  }
  const info = await db.inspectDump(path);
  if (options.fullRead !== false) await db.readDump(path, options);
  return { path, bytes, tables: info.tables };
}

export interface AtomicRestoreOptions {
  backup: DumpInfo;
  database: string;
  stamp: string;
  jobs?: number;
  signal?: AbortSignal;
  /** pid of pg_restore, for the journal. */
  onSpawn?: (pid: number) => void;
  /** Progress of the sub-steps, for the journal. */
  onEvent?: (event: string, data?: Record<string, unknown>) => void;
}

export interface AtomicRestoreResult {
  /** The previous database, kept under this name. */
  keptAs: string;
  restoredRows: Record<string, number>;
  warnings: string[];
}

/**
 * Restores into `<db>_restore_<stamp>`, checks every table of the dump is there, then swaps names in one
 * transaction. Any failure before the swap drops the new database; the live one is never written to.
 */
export async function restoreAtomically(
  db: DbAdapter,
  o: AtomicRestoreOptions,
): Promise<AtomicRestoreResult> {
  const names = rollbackNames(o.database, o.stamp);
  for (const name of [names.restore, names.keep]) {
    if (await db.exists(name)) {
      throw new RunbookError(
        'E_RESTORE',
        `database "${name}" already exists; a previous run left it`,
        EXIT.precondition,
        `inspect it, then DROP DATABASE "${name}" or wait a second and run again`,
      );
    }
  }
  const warnings: string[] = [];
  let created = false;
  try {
    warnings.push(...(await db.createLike(names.restore, o.database)).warnings);
    created = true;
    o.onEvent?.('restore-db-created', { database: names.restore });
    warnings.push(...(await db.copyProperties(o.database, names.restore)).warnings);
    await db.restore(o.backup.path, names.restore, { jobs: o.jobs, signal: o.signal, onSpawn: o.onSpawn });
    o.onEvent?.('restore-done', { database: names.restore });
    const restoredRows = await db.rowCounts(names.restore);
    const missing = o.backup.tables.filter((t) => !(t in restoredRows));
    if (missing.length > 0) {
      throw new RunbookError(
        'E_RESTORE',
        `the restored database lacks ${missing.length} table(s) of the dump: ${missing.slice(0, 5).join(', ')}`,
        EXIT.verification,
      );
    }
    if (o.signal?.aborted) throw interrupted(o.signal);
    o.onEvent?.('swapping', { database: o.database, tables: Object.keys(restoredRows).length });
    await db.swap(o.database, names.restore, names.keep);
    created = false;
    o.onEvent?.('swapped', { database: o.database, keptAs: names.keep });
    return { keptAs: names.keep, restoredRows, warnings };
  } catch (e) {
    if (created) {
      await db.dropDatabase(names.restore).catch((dropErr: Error) => {
        warnings.push(`could not drop ${names.restore}: ${dropErr.message}`);
      });
      o.onEvent?.('restore-db-dropped', { database: names.restore });
    }
    const why = e instanceof Error ? e.message : String(e);
    throw new RunbookError(
      'E_RESTORE',
      `restore failed, ${o.database} is unchanged and in use: ${why.replace(/^error: /, '')}`,
      e instanceof RunbookError ? e.exitCode : EXIT.infrastructure,
    );
  }
}
