/** Machine output: JSON by default (`--json`, `-o json`), YAML with `-o yaml`, as kubectl prints them. */
import { stringify } from 'yaml';
import type { FlagValues } from './define.ts';

/**
 * Prints `value` in the format the flags ask for. `indent` keeps each command's JSON as it was (one line
 * for records a script reads line by line, indented for documents).
 */
export function printData(
  out: (text: string) => void,
  flags: FlagValues,
  value: unknown,
  indent?: number,
): void {
  if (flags.output === 'yaml') out(stringify(value, { lineWidth: 0 }).trimEnd());
  else out(JSON.stringify(value, null, indent));
}

/** One record of a stream (`watch`): a JSON line, or a YAML document. */
export function printRecord(out: (text: string) => void, flags: FlagValues, value: unknown): void {
  if (flags.output === 'yaml') out(`---\n${stringify(value, { lineWidth: 0 }).trimEnd()}`);
  else out(JSON.stringify(value));
}
