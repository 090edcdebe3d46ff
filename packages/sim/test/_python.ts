/**
 * Runs the official Kubernetes Python client (Debian's python3-kubernetes, under /usr/bin/python3) with a script of
 * test/python/ and an argument array: never through a shell.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { until } from './helpers.ts';

export const PYTHON = '/usr/bin/python3';
const SCRIPTS = join(import.meta.dirname, 'python');

export interface PythonRun {
  code: number;
  stdout: string;
  stderr: string;
}

const scriptPath = (script: string): string => (isAbsolute(script) ? script : join(SCRIPTS, script));
const pythonEnv = (env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  ...process.env,
  KUBECONFIG: '',
  PYTHONUNBUFFERED: '1',
  PYTHONDONTWRITEBYTECODE: '1',
  ...env,
});

/** Runs a script (a file name in test/python/, or an absolute path) to its end. */
export function runPython(script: string, args: string[], env?: NodeJS.ProcessEnv): Promise<PythonRun> {
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      [scriptPath(script), ...args],
      { env: pythonEnv(env), timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A script still running: its output so far, for tests that act while it watches. */
export interface PythonProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The JSON lines printed so far. */
  lines(): any[];
  /** Waits until the printed lines satisfy `check`. */
  waitFor(check: (lines: any[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number>;
}

export function startPython(script: string, args: string[], env?: NodeJS.ProcessEnv): PythonProcess {
  const child = spawn(PYTHON, [scriptPath(script), ...args], { env: pythonEnv(env) });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
  });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  const lines = (): any[] =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    lines,
    waitFor: async (check, timeoutMs = 20_000) => {
      try {
        await until(() => check(lines()), timeoutMs);
      } catch (e) {
        throw new Error(`${(e as Error).message}; python printed:\n${out}\n${err}`);
      }
    },
    exited,
  };
}
