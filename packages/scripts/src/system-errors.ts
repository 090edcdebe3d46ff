/**
 * Failures of the machine rather than of runbook (disk full, read-only file system, port taken): words for
 * them, and the infrastructure error (exit 5) they become instead of "internal error… this is a bug".
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { EXIT, RunbookError } from '@runbook/core';

const SYSTEM_ERRORS: Record<string, { text: string; hint: string }> = {
  ENOSPC: { text: 'no space left on device', hint: 'free some space, or write somewhere else' },
  EDQUOT: { text: 'disk quota exceeded', hint: 'free some space, or write somewhere else' },
  EROFS: { text: 'read-only file system', hint: 'write somewhere writable' },
  EACCES: { text: 'permission denied', hint: 'check the permissions, or write somewhere else' },
  EPERM: { text: 'operation not permitted', hint: 'check the permissions, or write somewhere else' },
  ENOTDIR: { text: 'a part of the path is a file, not a directory', hint: 'check the path' },
  EISDIR: { text: 'is a directory, not a file', hint: 'check the path' },
  ENOENT: { text: 'no such file or directory', hint: 'check the path' },
  EEXIST: { text: 'already exists', hint: 'check the path' },
  EMFILE: { text: 'too many open files', hint: 'raise the open files limit (ulimit -n)' },
  ENFILE: { text: 'too many open files in the system', hint: 'raise the open files limit' },
  EIO: { text: 'input/output error', hint: 'check the disk' },
  ENOMEM: { text: 'out of memory', hint: 'free some memory' },
  EADDRINUSE: { text: 'already in use', hint: 'choose another port, or stop what listens on it' },
  EADDRNOTAVAIL: { text: 'address not available on this machine', hint: 'check the address' },
};

/** Node's errors from a system call carry both. */
interface SystemError {
  code: string;
  syscall: string;
  path?: string;
  address?: string;
  port?: number;
}

function asSystemError(err: unknown): SystemError | undefined {
  const e = err as Partial<SystemError> | null;
  if (!e || typeof e.code !== 'string' || typeof e.syscall !== 'string') return undefined;
  return SYSTEM_ERRORS[e.code] ? (e as SystemError) : undefined;
}

/** `no space left on device (ENOSPC)`, for a known system error; undefined for anything else. */
export function systemErrorText(err: unknown): string | undefined {
  const e = asSystemError(err);
  return e && `${SYSTEM_ERRORS[e.code]!.text} (${e.code})`;
}

/** A known system error as an infrastructure error naming what failed; undefined for anything else. */
export function fromSystemError(err: unknown): RunbookError | undefined {
  const e = asSystemError(err);
  if (!e) return undefined;
  const { text, hint } = SYSTEM_ERRORS[e.code]!;
  const what =
    e.path !== undefined
      ? `cannot ${e.syscall} "${e.path}"`
      : e.address !== undefined
        ? `${e.syscall} ${e.address}${e.port === undefined ? '' : `:${e.port}`}`
        : e.syscall;
  return new RunbookError(`E_SYSTEM_${e.code}`, `${what}: ${text} (${e.code})`, EXIT.infrastructure, hint);
}

/**
 * `mkdir -p` whose error says why: Node 20's recursive mkdir reports a read-only file system as ENOENT, so
 * on ENOENT each missing folder is made in turn and the first real error thrown.
 */
export async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const chain: string[] = [];
    for (let d = resolve(dir); d !== dirname(d); d = dirname(d)) chain.unshift(d);
    for (const d of chain) {
      await mkdir(d).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      });
    }
  }
}
