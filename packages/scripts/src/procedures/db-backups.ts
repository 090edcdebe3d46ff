/** The backup directory: dumps named by the runbook's pattern, `{stamp}` = `YYYYMMDD-HH`. */
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { EXIT, type Runbook, RunbookError, UsageError } from '@runbook/core';

/** One dump found in the backup directory. */
export interface BackupFile {
  path: string;
  file: string;
  /** `YYYYMMDD-HH` as written in the name. */
  stamp: string;
  /** The stamp read as local time of the machine running the tool (as `date +%Y%m%d-%H` wrote it). */
  time: Date;
  bytes: number;
}

const STAMP = /^(\d{4})(\d{2})(\d{2})-(\d{2})$/;

/** The time a stamp stands for, or null when it is not a real `YYYYMMDD-HH`. */
export function parseStamp(stamp: string): Date | null {
  const m = STAMP.exec(stamp);
  if (!m) return null;
  const [y, mo, d, h] = m.slice(1).map(Number) as [number, number, number, number];
  const date = new Date(y, mo - 1, d, h);
  // Rejects 20240231-25 and the like, which Date would roll over silently.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h)
    return null;
  return date;
}

function patternRegex(pattern: string): RegExp {
  const [before, after] = pattern.split('{stamp}', 2) as [string, string];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc(before)}(\\d{8}-\\d{2})${esc(after)}$`);
}

/** Where backups live: `--backup-dir`, else the runbook's `meta.backups.dir`. */
export function backupDir(runbook: Runbook, override?: string): string {
  return override ?? runbook.meta.backups.dir;
}

/** Dumps in `dir` whose names match the pattern, newest first. A missing directory is an error (exit 3). */
export async function listBackups(dir: string, pattern: string): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RunbookError(
      'E_BACKUP_DIR',
      `cannot read the backup directory ${dir} (${code})`,
      EXIT.precondition,
      'give the directory (db-backups --dir, db-rollback --backup-dir) or fix meta.backups.dir in the runbook',
    );
  }
  const re = patternRegex(pattern);
  const found: BackupFile[] = [];
  for (const file of names) {
    const stamp = re.exec(file)?.[1];
    const time = stamp ? parseStamp(stamp) : null;
    if (!stamp || !time) continue;
    const path = join(dir, file);
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) found.push({ path, file, stamp, time, bytes: info.size });
  }
  return found.sort((a, b) => b.time.getTime() - a.time.getTime() || b.file.localeCompare(a.file));
}

/**
 * `--backup FILE|YYYYMMDD-HH|latest` → a path. A stamp goes through the pattern in the directory;
 * anything else is a file path (relative to the working directory).
 */
export async function resolveBackup(
  value: string,
  dir: string,
  pattern: string,
): Promise<{ path: string; stamp: string | null }> {
  if (value === 'latest') {
    const newest = (await listBackups(dir, pattern))[0];
    if (!newest)
      throw new RunbookError(
        'E_BACKUP_MISSING',
        `--backup latest: no dump matching ${pattern} in ${dir}`,
        EXIT.precondition,
      );
    return { path: newest.path, stamp: newest.stamp };
  }
  if (/^\d{8}-\d{2}$/.test(value)) {
    if (!parseStamp(value))
      throw new UsageError(`--backup: "${value}" is not a real date and hour (expected YYYYMMDD-HH)`);
    return { path: join(dir, pattern.replace('{stamp}', value)), stamp: value };
  }
  if (/^\d{8}/.test(value) && !value.includes('/') && !value.includes('.')) {
    throw new UsageError(`--backup: expected a file or a stamp YYYYMMDD-HH, got "${value}"`);
  }
  const path = isAbsolute(value) ? value : resolve(value);
  const stamp = patternRegex(pattern).exec(path.split('/').pop() ?? '')?.[1] ?? null;
  return { path, stamp };
}

/** Human size: 1.2 MB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
