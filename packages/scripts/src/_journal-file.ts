/**
 * The journal's file: opening it, what its failures mean to a person, and where a journal that could not be
 * written to the incidents directory goes at the end of an emergency run.
 */
import { type FileHandle, mkdtemp, open, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, RunbookError, UsageError } from '@runbook/core';
import { makeDirectory, systemErrorText } from './system-errors.ts';

/**
 * Why `baseDir` cannot hold journals: a file given as `--incidents-dir` is a usage error, anything else (disk
 * full, read-only) an infrastructure error. `started` says whether the run had begun changing things.
 */
export async function journalError(baseDir: string, err: unknown, started: boolean): Promise<RunbookError> {
  if (err instanceof RunbookError) return err;
  const info = await stat(baseDir).catch(() => null);
  if (info && !info.isDirectory())
    return new UsageError(`--incidents-dir: "${baseDir}" is a file, expected a directory`);
  const text = systemErrorText(err) ?? (err instanceof Error ? err.message : String(err));
  return new RunbookError(
    'E_JOURNAL',
    `cannot write the incident journal in "${baseDir}": ${text}`,
    EXIT.infrastructure,
    started
      ? 'free space there; the journal stops at the last record written'
      : 'free space there or pass another --incidents-dir; nothing was changed',
  );
}

/** Creates the incident's folder and opens its journal for appending. */
export async function openJournalFile(baseDir: string, dir: string): Promise<FileHandle> {
  try {
    await makeDirectory(dir);
    return await open(join(dir, 'journal.jsonl'), 'a', 0o600);
  } catch (err) {
    throw await journalError(baseDir, err, false);
  }
}

/** Appends whole lines and waits until they are on disk; a short write (disk full) is an error. */
export async function appendLines(file: FileHandle, text: string): Promise<void> {
  // FileHandle.write may write part of the buffer and report success; appendFile writes it all or throws.
  await file.appendFile(text);
  await file.datasync();
}

/** Writes a whole journal into a new temporary folder; its path, or null when that fails too. */
export async function saveElsewhere(id: string, lines: string): Promise<string | null> {
  try {
    const dir = await mkdtemp(join(tmpdir(), `runbook-incident-${id}-`));
    const path = join(dir, 'journal.jsonl');
    await writeFile(path, lines, { mode: 0o600 });
    return path;
  } catch {
    return null;
  }
}
