/** Runs a script of test/python with Debian's /usr/bin/python3, which has the official Kubernetes client. */
import { execFile } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import type { Run } from './helpers.ts';

/** The python3 on PATH may be another one (pyenv) without the `kubernetes` module: always Debian's. */
const PYTHON = '/usr/bin/python3';
const SCRIPTS = join(import.meta.dirname, 'python');

/** `script` is a file name under test/python (or an absolute path); arguments go as an array, no shell. */
export function runPython(script: string, args: string[], env?: Record<string, string>): Promise<Run> {
  const path = isAbsolute(script) ? script : join(SCRIPTS, script);
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      [path, ...args],
      { timeout: 60_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
