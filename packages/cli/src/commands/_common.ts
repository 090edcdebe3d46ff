/** Flag parsing shared by the cluster commands: durations, KEY=VALUE vars, command lines. */
import { parseTimerDuration, UsageError } from '@runbook/core';
import { defineFlags } from '../define.ts';

export const VAR_FLAG = defineFlags({
  var: {
    type: 'string',
    multiple: true,
    hint: 'KEY=VALUE',
    description: 'Value of a template placeholder',
  },
}).var;

/** `--var KEY=VALUE` (repeatable) → record; a malformed one is a usage error naming it. */
export function parseVars(list: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of list) {
    const m = /^([a-zA-Z][a-zA-Z0-9]*)=(.*)$/s.exec(v);
    if (!m)
      throw new UsageError(`--var: expected KEY=VALUE with KEY a placeholder name, got ${JSON.stringify(v)}`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** A duration flag (`30s`, `5m`) in ms, or `fallback`. */
export function durationFlag<N extends string>(
  flags: { readonly [K in N]?: string },
  name: N,
): number | undefined;
export function durationFlag<N extends string>(
  flags: { readonly [K in N]?: string },
  name: N,
  fallback: number,
): number;
export function durationFlag<N extends string>(
  flags: { readonly [K in N]?: string },
  name: N,
  fallback?: number,
): number | undefined {
  const v = flags[name];
  if (v === undefined) return fallback;
  return parseTimerDuration(v, `--${name}`);
}

/** Splits a command line into argv, honouring single and double quotes; no shell ever sees it. */
export function splitArgv(line: string, flag: string): string[] {
  const argv: string[] = [];
  let current = '';
  let quote: string | null = null;
  let has = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || current) argv.push(current);
      current = '';
      has = false;
    } else current += ch;
  }
  if (quote) throw new UsageError(`${flag}: unbalanced ${quote} in ${JSON.stringify(line)}`);
  if (has || current) argv.push(current);
  if (!argv.length) throw new UsageError(`${flag}: expected a command, got an empty string`);
  return argv;
}
