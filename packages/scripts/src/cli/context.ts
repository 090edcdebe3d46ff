import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import {
  defaultRunbook,
  InvalidRunbookError,
  type Lang,
  langSchema,
  type ParseResult,
  type Problem,
  parseRunbookText,
  type Runbook,
  RunbookError,
  UsageError,
} from '@runbook/core';
import { fromSystemError } from '../system-errors.ts';
import type { CommonFlags } from './define.ts';

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
export function parseRunbookFile(path: string): ParseResult {
  let read: ReturnType<typeof readAtMost>;
  try {
    read = readAtMost(path, MAX_RUNBOOK_BYTES);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--runbook: cannot read "${path}" (${code ?? 'error'})`);
  }
  if ('tooLarge' in read)
    throw new UsageError(`--runbook: "${path}" is ${read.tooLarge}; a runbook file is at most 5 MB`);
  return parseRunbookText(read.text);
}

export function loadRunbookFile(path: string): { runbook: Runbook; warnings: Problem[] } {
  const result = parseRunbookFile(path);
  if (!result.runbook || result.errors.length > 0) throw new InvalidRunbookError(result.errors);
  return { runbook: result.runbook, warnings: result.warnings };
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

export function createContext(flags: CommonFlags, options: ContextOptions = {}): Context {
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
