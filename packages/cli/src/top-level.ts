import { EXIT } from '@runbook/core/errors';
import { COMMANDS } from './commands/index.ts';
import { EXIT_CODES_HELP } from './define.ts';

function topHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'runbook: an emergency rollback plan, as a tool (the built-in one, or --runbook FILE).',
    '',
    'Usage: runbook <command> [flags]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'runbook <command> --help' for a command's flags.",
    EXIT_CODES_HELP,
  ].join('\n');
}

/**
 * What `runbook`, `runbook --help` and `runbook --version` print, or null for a command. Built as a bundle of
 * its own (bin/build.mjs), so that these answer without loading any command.
 */
export function topLevel(argv: readonly string[]): { text: string; code: number } | null {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help')
    return { text: `${topHelp()}\n`, code: argv.length === 0 ? EXIT.usage : EXIT.ok };
  if (argv[0] === '--version') return { text: 'runbook 0.1.0\n', code: EXIT.ok };
  return null;
}

/**
 * Which code cache a run uses: its command's name, so that each command has one cache, made by its first
 * run; null (no cache) for a word that names no command.
 */
export function cacheKey(argv: readonly string[]): string | null {
  const name = argv[0];
  return name && Object.hasOwn(COMMANDS, name) ? name : null;
}
