import { parseArgs } from 'node:util';
import { UsageError } from '@runbook/core';
import type { Context } from './context.ts';

export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
  /** Shown in help as `--flag <hint>`. */
  hint?: string;
  default?: string | boolean;
}

export interface ArgSpec {
  name: string;
  description: string;
  required?: boolean;
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandSpec {
  name: string;
  description: string;
  /** Extra lines for `--help`: examples, exit codes. */
  details?: string;
  flags?: Record<string, FlagSpec>;
  args?: ArgSpec[];
  /** Sub-commands, loaded only when chosen. */
  subcommands?: Record<string, () => Promise<{ default: CommandSpec }>>;
  run?: (ctx: Context, flags: FlagValues, args: string[]) => Promise<number | undefined> | number | undefined;
}

/** As citty's defineCommand: a typed identity, so command files read as declarations. */
export function defineCommand(spec: CommandSpec): CommandSpec {
  return spec;
}

/** Flags every command takes; kept here so `--help` shows them the same way everywhere. */
export const COMMON_FLAGS: Record<string, FlagSpec> = {
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
  runbook: {
    type: 'string',
    hint: 'FILE',
    description: 'Runbook file (YAML or JSON) instead of the built-in TopSteel plan',
  },
  lang: {
    type: 'string',
    hint: 'LANG',
    description: "Language of the output, one of the runbook's (default its first, or RUNBOOK_LANG)",
  },
};

/**
 * Flags a deployment sets once in its environment (or `.env`), so that a person at 3 a.m. types only
 * the command. A flag given on the command line wins.
 */
export const ENV_DEFAULTS: Record<string, string> = {
  runbook: 'RUNBOOK_FILE',
  lang: 'RUNBOOK_LANG',
  context: 'RUNBOOK_CONTEXT',
  env: 'RUNBOOK_ENV',
  prometheus: 'RUNBOOK_PROMETHEUS',
  'incidents-dir': 'RUNBOOK_INCIDENTS_DIR',
};

export interface Parsed {
  flags: FlagValues;
  args: string[];
}

export function parseCommandArgs(
  spec: CommandSpec,
  argv: string[],
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Parsed {
  const options = { ...COMMON_FLAGS, ...spec.flags };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(options).map(([name, f]) => [
          name,
          // parseArgs rejects keys that are present but undefined.
          JSON.parse(
            JSON.stringify({ type: f.type, short: f.short, multiple: f.multiple, default: f.default }),
          ),
        ]),
      ),
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError(`${path}: ${cleanParseError(err)}`, `see 'runbook ${path} --help'`);
  }
  const values = parsed.values as FlagValues;
  if (values.help) return { flags: values, args: parsed.positionals };
  for (const [flag, variable] of Object.entries(ENV_DEFAULTS)) {
    if (flag in options && values[flag] === undefined && env[variable]) values[flag] = env[variable];
  }
  const expected = spec.args ?? [];
  const required = expected.filter((a) => a.required).length;
  if (parsed.positionals.length < required) {
    const missing = expected[parsed.positionals.length]!;
    throw new UsageError(
      `${path}: missing argument <${missing.name}> (${missing.description})`,
      `see 'runbook ${path} --help'`,
    );
  }
  if (parsed.positionals.length > expected.length) {
    throw new UsageError(
      `${path}: unexpected argument "${parsed.positionals[expected.length]}"`,
      `see 'runbook ${path} --help'`,
    );
  }
  return { flags: values, args: parsed.positionals };
}

function cleanParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown flag ${unknown[1]}`;
  const missingValue = /Option '([^']+)' argument missing/.exec(message);
  if (missingValue) return `flag ${missingValue[1]!.replace(/^-\w, /, '')} expects a value`;
  return message.split('\n')[0]!.replace(/\. To specify.*$/, '');
}

export function renderHelp(spec: CommandSpec, path: string): string {
  const flags = { ...spec.flags, ...COMMON_FLAGS };
  const args = (spec.args ?? []).map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`)).join(' ');
  const lines = [
    `${spec.description}`,
    '',
    `Usage: runbook ${path}${spec.subcommands ? ' <command>' : ''} ${args} [flags]`.replace(/ +/g, ' '),
  ];
  if (spec.subcommands) {
    lines.push('', 'Commands:', ...Object.keys(spec.subcommands).map((name) => `  ${name}`));
  }
  if (spec.args?.length) {
    lines.push('', 'Arguments:', ...spec.args.map((a) => `  ${a.name.padEnd(24)} ${a.description}`));
  }
  lines.push('', 'Flags:');
  for (const [name, f] of Object.entries(flags)) {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${name}${f.hint ? ` <${f.hint}>` : ''}`;
    lines.push(`  ${left.padEnd(30)} ${f.description}${f.multiple ? ' (repeatable)' : ''}`);
  }
  if (spec.details) lines.push('', spec.details.trim());
  lines.push('', EXIT_CODES_HELP);
  return lines.join('\n');
}

export const EXIT_CODES_HELP = `Exit codes: 0 ok · 1 runbook has errors · 2 usage · 3 precondition refused · 4 verification failed · 5 infrastructure error · 10 rollback recommended · 11 inconclusive`;
