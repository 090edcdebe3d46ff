/**
 * The one way this package starts another program (pg_dump, pg_restore, promtool, the critical tests).
 * zx runs it and collects its outcome, but zx's `spawn` hook hands the argv array straight to execve with
 * `shell: false`: no shell ever parses a name, a path or a flag, so nothing is quoted and nothing can be
 * injected. zx still builds its own display string of the command; it is never executed nor printed.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { basename } from 'node:path';
import { EXIT, RunbookError } from '@runbook/core';
import type { Options as ZxOptions } from 'zx/core';
import { createRedactor, isSecretName, knownSecrets, type Redactor, redactArgs } from '../redact.ts';
import { interrupted } from './time.ts';

/** The Debian package that ships each tool we run, for the hint when it is missing. */
const PACKAGES: Record<string, string> = {
  pg_dump: 'postgresql-client',
  pg_restore: 'postgresql-client',
  psql: 'postgresql-client',
  promtool: 'prometheus',
  kubectl: 'kubectl',
};

const MiB = 1024 * 1024;

export interface RunOptions {
  /** The child's whole environment (default this process's). Secrets go here, never in argv. */
  env?: NodeJS.ProcessEnv;
  /** Stop the child (SIGTERM, then SIGKILL) after this long; the result says `timedOut`. None by default. */
  timeoutMs?: number;
  /** Aborting stops the child the same way, then the run rejects with E_INTERRUPTED (exit 130). */
  signal?: AbortSignal;
  /** Called with the child's pid once it runs (journals record it; tests kill it). */
  onSpawn?: (pid: number) => void;
  /** Keep stdout (default) or send it nowhere, for tools that only write files. */
  stdout?: 'capture' | 'ignore';
  /** Bytes kept per stream; the rest is dropped and `truncated` is set. Default 8 MiB. */
  maxOutputBytes?: number;
  /** Between SIGTERM and SIGKILL when stopping. Default 5 s. */
  graceMs?: number;
  /** What to call the program in messages and which package hint to give; default argv[0]'s base name. */
  tool?: string;
  /** Further redaction on top of the secrets found in `env`. */
  redact?: Redactor;
}

export interface ProcessResult {
  /** argv for display: values of secret-looking flags and known secrets replaced. */
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  /** Raw, for parsing. Show `output`, or pass stderr through `redact`, never these as they are. */
  stdout: string;
  stderr: string;
  /** Some output went over `maxOutputBytes` and was dropped. */
  truncated: boolean;
  /** stdout then stderr, trimmed and redacted: what may be printed or put into an error. */
  readonly output: string;
  /** The redaction this run used (secrets of its env and the caller's). */
  redact: (text: string) => string;
}

/** zx's output store for one stream: the first `limit` bytes, the rest counted and dropped. */
class CappedChunks extends Array<string | Buffer> {
  static override get [Symbol.species]() {
    return Array;
  }
  bytes = 0;
  dropped = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override push(...chunks: Array<string | Buffer>): number {
    for (const chunk of chunks) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const room = Math.max(0, this.limit - this.bytes);
      if (room > 0) super.push(buf.length <= room ? buf : buf.subarray(0, room));
      this.bytes += Math.min(room, buf.length);
      this.dropped += Math.max(0, buf.length - room);
    }
    return this.length;
  }
  text(): string {
    return Buffer.concat(this.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).toString('utf8');
  }
}

/** A program that could not start: missing (ENOENT) or not runnable. Both are the environment's fault. */
function startError(err: NodeJS.ErrnoException | Error, bin: string, tool: string): RunbookError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    const pkg = PACKAGES[tool];
    const hint = pkg
      ? `install it: apt-get install -y ${pkg}${pkg === tool ? '' : ` (it ships ${tool})`}`
      : `check that ${tool} is installed and on PATH`;
    return new RunbookError('E_TOOL_MISSING', `${bin} not found`, EXIT.infrastructure, hint);
  }
  return new RunbookError(
    'E_TOOL_START',
    `${bin} cannot start (${code ?? err.message})`,
    EXIT.infrastructure,
    `check that ${bin} is an executable file`,
  );
}

/** Redacts the values of the child's secret-looking variables (PGPASSWORD, STRIPE_SK...) and `extra`'s. */
function redactorFor(env: NodeJS.ProcessEnv, extra?: Redactor): (text: string) => string {
  const named = Object.entries(env).flatMap(([k, v]) => (v && isSecretName(k) ? [v] : []));
  const fromEnv = createRedactor([...knownSecrets(env), ...named]);
  return (text) => (extra ? extra(fromEnv(text)) : fromEnv(text));
}

/** The whole process tree gets `sig` (zx's kill walks it with ps); the child alone if that fails. */
async function signalTree(child: ChildProcess, sig: NodeJS.Signals): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const { kill } = await import('zx/core');
  await kill(child.pid, sig).catch(() => child.kill(sig));
}

type Store = Record<'stdout' | 'stderr' | 'stdall', CappedChunks>;

/** zx's options for one run: no shell, nothing printed, never throwing on an exit code. */
function zxOptions(
  argv: readonly string[],
  options: RunOptions,
  store: Store,
  quote: ZxOptions['quote'],
  started: (child: ChildProcess) => void,
): Partial<ZxOptions> {
  const [bin, ...args] = argv;
  const spawnDirect = (_cmd: string, _args: readonly string[], opts: SpawnOptions) => {
    // zx's own abort signal and shell are left out: stopping is ours, and argv goes to execve as it is.
    const child = spawn(bin!, args, { ...opts, shell: false, signal: undefined });
    started(child);
    return child;
  };
  return {
    env: options.env ?? process.env,
    nothrow: true,
    quiet: true,
    verbose: false,
    // zx insists on both before it calls `spawn`, which ignores them.
    shell: true,
    quote,
    stdio: ['ignore', options.stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
    store,
    spawn: spawnDirect as unknown as ZxOptions['spawn'],
  };
}

/** Stops `child` once, on timeout or abort: SIGTERM to its tree, SIGKILL after the grace period. */
function stopper(options: RunOptions, child: () => ChildProcess | undefined) {
  let why: 'timeout' | 'abort' | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (reason: 'timeout' | 'abort') => {
    const target = child();
    if (why || !target) return;
    why = reason;
    void signalTree(target, 'SIGTERM');
    killTimer = setTimeout(() => void signalTree(target, 'SIGKILL'), options.graceMs ?? 5000);
  };
  const onAbort = () => stop('abort');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    options.timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), options.timeoutMs);
  return {
    timedOut: () => why === 'timeout',
    dispose() {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Runs `argv` to its end and resolves with how it ended, whatever its exit code. Rejects only when the
 * program cannot start (exit 5, naming it and the package that ships it) or when `signal` aborts (130).
 */
export async function runProcess(argv: readonly string[], options: RunOptions = {}): Promise<ProcessResult> {
  const bin = argv[0];
  if (!bin) throw new RunbookError('E_TOOL_START', 'no program to run', EXIT.infrastructure);
  const redact = redactorFor(options.env ?? process.env, options.redact);
  const command = redact(redactArgs([...argv]).join(' '));
  const { $, quote } = await import('zx/core');
  if (options.signal?.aborted) throw interrupted(options.signal);

  const limit = options.maxOutputBytes ?? 8 * MiB;
  const store = {
    stdout: new CappedChunks(limit),
    stderr: new CappedChunks(limit),
    stdall: new CappedChunks(0),
  };
  let child: ChildProcess | undefined;
  let spawned = false;
  const onChild = (c: ChildProcess) => {
    child = c;
    c.once('spawn', () => {
      spawned = true;
      if (c.pid) options.onSpawn?.(c.pid);
    });
  };
  const started = Date.now();
  // zx starts the child before `$` returns, so the stopper always has one to stop.
  const running = $(zxOptions(argv, options, store, quote, onChild))`${argv}`;
  const stop = stopper(options, () => child);
  let out: Awaited<typeof running>;
  try {
    out = await running;
  } finally {
    stop.dispose();
  }
  if (!spawned && out.cause) throw startError(out.cause, bin, options.tool ?? basename(bin));
  if (options.signal?.aborted) throw interrupted(options.signal);
  const stdout = store.stdout.text();
  const stderr = store.stderr.text();
  return {
    command,
    code: out.exitCode,
    signal: out.signal,
    timedOut: stop.timedOut(),
    durationMs: Date.now() - started,
    stdout,
    stderr,
    truncated: store.stdout.dropped + store.stderr.dropped > 0,
    get output() {
      return redact(`${stdout}${stderr}`.trim());
    },
    redact,
  };
}

/** One line saying how a run that did not succeed ended: timed out, killed, or its exit code. */
export function howItEnded(r: ProcessResult): string {
  if (r.timedOut) return `timed out after ${(r.durationMs / 1000).toFixed(1)} s`;
  if (r.signal) return `killed by ${r.signal}`;
  return `exit ${r.code}`;
}
