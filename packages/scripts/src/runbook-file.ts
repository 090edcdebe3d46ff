/** Reading a runbook file as the CLI and `connect()` do: bounded in size, every problem reported at once. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import {
  InvalidRunbookError,
  type ParseResult,
  type Problem,
  parseRunbookText,
  type Runbook,
  UsageError,
} from '@runbook/core';

/** The built-in runbook is ~100 KB; a file 50 times that is a mistake, and parsing 59 MB took 44 s and 3.4 GB. */
export const MAX_RUNBOOK_BYTES = 5 * 1024 * 1024;

/** The file's text, or why it is refused: its size, when over `max` (a pipe is not read further than that). */
function readAtMost(path: string, max: number): { text: string } | { tooLarge: string } {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > max) return { tooLarge: `${(stat.size / 1024 / 1024).toFixed(1)} MB` };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return { text: Buffer.concat(chunks).toString('utf8') };
      total += n;
      if (total > max) return { tooLarge: 'over 5 MB' };
      chunks.push(chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads and checks a runbook file; an unreadable or oversized file is a usage error, its problems are returned. */
export function parseRunbookFile(path: string, label = '--runbook'): ParseResult {
  let read: ReturnType<typeof readAtMost>;
  try {
    read = readAtMost(path, MAX_RUNBOOK_BYTES);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${label}: cannot read "${path}" (${code ?? 'error'})`);
  }
  if ('tooLarge' in read)
    throw new UsageError(`${label}: "${path}" is ${read.tooLarge}; a runbook file is at most 5 MB`);
  return parseRunbookText(read.text);
}

/** Reads a runbook file; an invalid one throws every problem at once (InvalidRunbookError). */
export function loadRunbookFile(
  path: string,
  label = '--runbook',
): { runbook: Runbook; warnings: Problem[] } {
  const result = parseRunbookFile(path, label);
  if (!result.runbook || result.errors.length > 0) throw new InvalidRunbookError(result.errors);
  return { runbook: result.runbook, warnings: result.warnings };
}
