import {
  defaultRunbook,
  InvalidRunbookError,
  type Lang,
  langSchema,
  type Problem,
  type Runbook,
  RunbookError,
  UsageError,
} from '@runbook/core';
import { fromSystemError, loadRunbookFile } from '@runbook/scripts';

/** What a command gets to talk to the world; tests build one around buffers. */
export interface Context {
  /** One line to stdout. */
  out: (line?: string) => void;
  /** One line to stderr: progress, logs, warnings. */
  err: (line?: string) => void;
  /** Whether stdout is a terminal (confirmations, colour). */
  isTTY: boolean;
  color: boolean;
  /** `--lang`, else RUNBOOK_LANG, else the runbook's first language; read lazily, as it needs the runbook. */
  readonly lang: Lang;
  env: NodeJS.ProcessEnv;
  /** The runbook chosen by `--runbook`, or the built-in plan. Throws when it is invalid. */
  runbook: () => Runbook;
  /** The path given with `--runbook`, if any. */
  runbookFile: string | undefined;
  /** Warnings found while loading the runbook. */
  warnings: () => Problem[];
  /** Asks a yes/no question on the TTY; `false` without one. */
  confirm: (question: string) => Promise<boolean>;
  /** Set by signal handlers: long waits check it to stop cleanly. */
  signal: AbortSignal;
}

/**
 * The output's language: `--lang` (which RUNBOOK_LANG fills when absent), else the runbook's first.
 * It must be one the runbook is written in.
 */
export function resolveLang(
  lang: string | undefined,
  env: NodeJS.ProcessEnv,
  languages: readonly Lang[],
): Lang {
  if (lang === undefined) return languages[0]!;
  if (languages.includes(lang)) return lang;
  const name = env.RUNBOOK_LANG === lang ? '--lang (from RUNBOOK_LANG)' : '--lang';
  throw new UsageError(`${name}: expected ${languages.join(' or ')}, the runbook's languages; got "${lang}"`);
}

export interface ContextOptions {
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  signal?: AbortSignal;
}

/**
 * The common flags the context reads. Declared here, not taken from define.ts, because define.ts
 * needs `Context` for a command's `run`: a command spec depends on the context, not the reverse.
 */
export interface ContextFlags {
  runbook?: string;
  lang?: string;
}

export function createContext(flags: ContextFlags, options: ContextOptions = {}): Context {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const stdin = options.stdin ?? process.stdin;
  const isTTY = Boolean(stdout.isTTY) && Boolean(stdin.isTTY);
  const runbookFile = flags.runbook;
  let loaded: { runbook: Runbook; warnings: Problem[] } | undefined;
  const load = () => {
    loaded ??= runbookFile ? loadRunbookFile(runbookFile) : { runbook: defaultRunbook(), warnings: [] };
    return loaded;
  };
  // The flag's shape is checked now, for every command; whether the runbook has it, once the runbook is read.
  if (flags.lang !== undefined && !langSchema.safeParse(flags.lang).success)
    throw new UsageError(
      `--lang: expected a language code like en, fr or pt-BR, got "${String(flags.lang)}"`,
    );
  let lang: Lang | undefined;
  return {
    out: (line = '') => void stdout.write(`${line}\n`),
    err: (line = '') => void stderr.write(`${line}\n`),
    isTTY,
    color: Boolean(stdout.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb',
    get lang() {
      lang ??= resolveLang(flags.lang, env, load().runbook.meta.languages);
      return lang;
    },
    env,
    runbook: () => load().runbook,
    runbookFile,
    warnings: () => load().warnings,
    confirm: async (question) => {
      if (!stdin.isTTY) return false;
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: stdin, output: stderr });
      try {
        const answer = await rl.question(`${question} [y/N] `);
        return /^(y|yes|o|oui)$/i.test(answer.trim());
      } finally {
        rl.close();
      }
    },
    signal: options.signal ?? new AbortController().signal,
  };
}

/** Turns any thrown value into the one line a person reads, and the exit code. */
export function describeError(err: unknown, debug: boolean): { lines: string[]; exitCode: number } {
  if (err instanceof InvalidRunbookError) {
    return { lines: err.problems.map((p) => `${p.path}: ${p.message}`), exitCode: err.exitCode };
  }
  if (err instanceof RunbookError) {
    const lines = [`error: ${err.message}`];
    if (err.hint) lines.push(`hint: ${err.hint}`);
    if (debug && err.stack) lines.push(err.stack);
    return { lines, exitCode: err.exitCode };
  }
  // An abort that no adapter turned into E_INTERRUPTED is still the person's SIGINT, not a bug.
  if (err instanceof Error && err.name === 'AbortError')
    return { lines: ['error: interrupted'], exitCode: 130 };
  // Disk full, read-only file system, port taken: the machine's failure, not a bug.
  const system = fromSystemError(err);
  if (system) return describeError(system, debug);
  const message = err instanceof Error ? err.message : String(err);
  const lines = [
    `internal error: ${message}`,
    'hint: this is a bug in runbook; rerun with RUNBOOK_DEBUG=1 for details',
  ];
  if (debug && err instanceof Error && err.stack) lines.push(err.stack);
  return { lines, exitCode: 70 };
}
