import { parseArgs } from 'node:util';
import { UsageError } from '@runbook/core/errors';
import type { Context } from './context.ts';

export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
  /** Shown in help as `--flag <hint>`. */
  hint?: string;
  default?: string | boolean;
  /** The values a string flag accepts; anything else is a usage error naming the flag. */
  choices?: readonly string[];
  /** The value a string flag takes when given bare (`--dry-run` is `--dry-run=client`, as in kubectl). */
  bareValue?: string;
}

export interface ArgSpec {
  name: string;
  description: string;
  required?: boolean;
}

export type FlagSpecs = Record<string, FlagSpec>;

/** One value of a flag: one of its choices when it has them; any, when its spec is not a literal one. */
type OneValue<S extends FlagSpec> = S['type'] extends 'boolean'
  ? boolean
  : S['type'] extends 'string'
    ? S extends { choices: readonly (infer C extends string)[] }
      ? C
      : string
    : string | boolean;

/** What parseArgs gives for a flag: a list when repeatable. */
type FlagValue<S extends FlagSpec> = S extends { multiple: true }
  ? OneValue<S>[]
  : 'multiple' extends keyof S
    ? S extends { multiple: false }
      ? OneValue<S>
      : OneValue<S> | OneValue<S>[]
    : OneValue<S>;

/** The parsed values of flags `F`, as citty infers them: absent unless given or defaulted. */
export type ParsedFlags<F extends FlagSpecs> = {
  -readonly [K in keyof F as F[K] extends Defaulted ? K : never]: FlagValue<F[K]>;
} & {
  -readonly [K in keyof F as F[K] extends Defaulted ? never : K]?: FlagValue<F[K]>;
};
type Defaulted = { default: string | boolean };

/** Any command's flags, when which command is not known (main, tests). */
export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** What a command's `run` receives: its own flags, the common ones, and `-o` (set when it has `--json`). */
export type CommandFlags<F extends FlagSpecs> = CommonFlags & ParsedFlags<F> & { output?: 'json' | 'yaml' };

export interface CommandSpec<F extends FlagSpecs = FlagSpecs> {
  name: string;
  description: string;
  /** Extra lines for `--help`: examples, exit codes. */
  details?: string;
  flags?: F;
  args?: ArgSpec[];
  /** Sub-commands, loaded only when chosen. */
  subcommands?: Record<string, () => Promise<{ default: CommandSpec }>>;
  // A method, so that a command typed over its own flags is still a CommandSpec of any flags.
  run?(
    ctx: Context,
    flags: CommandFlags<F>,
    args: string[],
  ): Promise<number | undefined> | number | undefined;
}

/** As citty's defineCommand: a typed identity, whose `run` gets flags typed from their definitions. */
export function defineCommand<const F extends FlagSpecs = Record<never, FlagSpec>>(
  spec: CommandSpec<F>,
): CommandSpec<F> {
  return spec;
}

/** A shared set of flags, keeping each one's literal type for `ParsedFlags`. */
export function defineFlags<const F extends FlagSpecs>(flags: F): F {
  return flags;
}

/** Flags every command takes; kept here so `--help` shows them the same way everywhere. */
export const COMMON_FLAGS = defineFlags({
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
  runbook: {
    type: 'string',
    hint: 'FILE',
    description: 'Runbook file (YAML or JSON) instead of the built-in one (or RUNBOOK_FILE)',
  },
  lang: {
    type: 'string',
    hint: 'LANG',
    description: "Language of the output, one of the runbook's (default its first, or RUNBOOK_LANG)",
  },
});
export type CommonFlags = ParsedFlags<typeof COMMON_FLAGS>;

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

export interface Parsed<F extends FlagSpecs = FlagSpecs> {
  flags: CommandFlags<F>;
  args: string[];
}

/** kubectl's `-o json|yaml`, added to every command that has `--json`. */
export const OUTPUT_FLAG: FlagSpec = {
  type: 'string',
  short: 'o',
  hint: 'json|yaml',
  choices: ['json', 'yaml'],
  description: 'Output format, as kubectl: json (same as --json) or yaml',
};

/** The flags a command takes: its own, the common ones, and `-o` wherever `--json` exists. */
export function flagsOf<F extends FlagSpecs>(spec: CommandSpec<F>): FlagSpecs {
  const own: FlagSpecs = spec.flags ?? {};
  return { ...COMMON_FLAGS, ...own, ...(own.json && !own.output ? { output: OUTPUT_FLAG } : {}) };
}

/** `--dry-run` → `--dry-run=client` for flags with a bare value; nothing after `--` is touched. */
function withBareValues(argv: string[], options: Record<string, FlagSpec>): string[] {
  const end = argv.indexOf('--');
  return argv.map((arg, i) => {
    if (end !== -1 && i >= end) return arg;
    const bare = arg.startsWith('--') ? options[arg.slice(2)]?.bareValue : undefined;
    return bare === undefined ? arg : `${arg}=${bare}`;
  });
}

type Token = { kind: string; name?: string; value?: string };

/** A single-value flag given twice with different values (`--to green --to blue`) is a contradiction. */
function refuseContradictions(tokens: Token[], options: Record<string, FlagSpec>, path: string): void {
  const seen = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name || t.value === undefined) continue;
    if (options[t.name]?.multiple) continue;
    const before = seen.get(t.name);
    if (before !== undefined && before !== t.value) {
      throw new UsageError(
        `${path}: --${t.name} given twice with different values (${JSON.stringify(before)}, ${JSON.stringify(t.value)}); give it once`,
        `see 'runbook ${path} --help'`,
      );
    }
    seen.set(t.name, t.value);
  }
}

function checkChoices(values: FlagValues, options: Record<string, FlagSpec>): void {
  for (const [name, f] of Object.entries(options)) {
    const v = values[name];
    if (!f.choices || typeof v !== 'string' || f.choices.includes(v)) continue;
    const expected =
      f.choices.length === 1 ? f.choices[0] : `${f.choices.slice(0, -1).join(', ')} or ${f.choices.at(-1)}`;
    throw new UsageError(`--${name}: expected ${expected}, got ${JSON.stringify(v)}`);
  }
}

/** `-o json|yaml` sets `--json`; `--json -o yaml` says two different things. */
function applyOutput(values: FlagValues): void {
  if (values.output === undefined) return;
  if (values.json && values.output !== 'json')
    throw new UsageError(`--json and -o ${values.output} contradict each other; give one`);
  values.json = true;
}

export function parseCommandArgs<F extends FlagSpecs>(
  spec: CommandSpec<F>,
  argv: string[],
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Parsed<F> {
  const options = flagsOf(spec);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: withBareValues(argv, options),
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
      tokens: true,
    });
  } catch (err) {
    throw new UsageError(`${path}: ${cleanParseError(err)}`, `see 'runbook ${path} --help'`);
  }
  const values = parsed.values as FlagValues;
  // The one place flag values meet their types: parseArgs was given exactly these definitions.
  const typed = values as CommandFlags<F>;
  if (values.help) return { flags: typed, args: parsed.positionals };
  refuseContradictions(parsed.tokens ?? [], options, path);
  checkChoices(values, options);
  applyOutput(values);
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
  return { flags: typed, args: parsed.positionals };
}

function cleanParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown flag ${unknown[1]}`;
  const missingValue = /Option '([^']+)' argument missing/.exec(message);
  if (missingValue) return `flag ${missingValue[1]!.replace(/^-\w, /, '')} expects a value`;
  return message.split('\n')[0]!.replace(/\. To specify.*$/, '');
}

export function renderHelp<F extends FlagSpecs>(spec: CommandSpec<F>, path: string): string {
  // The command's own flags first, the common ones last.
  const flags = Object.fromEntries(
    Object.entries(flagsOf(spec)).sort(([a], [b]) => Number(a in COMMON_FLAGS) - Number(b in COMMON_FLAGS)),
  );
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
    const value = f.bareValue ? `[=${f.hint}]` : f.hint ? ` <${f.hint}>` : '';
    const left = `${f.short ? `-${f.short}, ` : '    '}--${name}${value}`;
    lines.push(`  ${left.padEnd(30)} ${f.description}${f.multiple ? ' (repeatable)' : ''}`);
  }
  if (spec.details) lines.push('', spec.details.trim());
  lines.push('', EXIT_CODES_HELP);
  return lines.join('\n');
}

export const EXIT_CODES_HELP = `Exit codes: 0 ok · 1 runbook has errors · 2 usage · 3 precondition refused · 4 verification failed · 5 infrastructure error · 10 rollback recommended · 11 inconclusive`;
