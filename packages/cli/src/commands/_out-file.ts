/** Writing a command's output file: a missing folder is a usage error, a full or read-only disk is infrastructure. */
import { writeFileSync } from 'node:fs';
import { EXIT, RunbookError, UsageError } from '@runbook/core';

/** Writes `text` to `path`; with `exclusive`, an existing file is refused and left untouched. */
export function writeOutFile(flag: string, path: string, text: string, exclusive = false): void {
  try {
    writeFileSync(path, text, { flag: exclusive ? 'wx' : 'w' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'EEXIST')
      throw new UsageError(
        `${flag}: "${path}" already exists; nothing was written`,
        'choose another --out FILE',
      );
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR')
      throw new UsageError(
        `${flag}: cannot write "${path}" (${code}): expected a file in an existing folder`,
      );
    throw new RunbookError('E_WRITE', `${flag}: cannot write "${path}" (${code})`, EXIT.infrastructure);
  }
}
