/** Machine output: JSON by default (`--json`, `-o json`), YAML with `-o yaml`, as kubectl prints them. */
import { toYaml } from '@runbook/core';

/** The flag these read: `-o`, set on every command that has `--json`. */
type OutputFlags = { output?: string };

/**
 * Prints `value` in the format the flags ask for. `indent` keeps each command's JSON as it was (one line
 * for records a script reads line by line, indented for documents).
 */
export function printData(
  out: (text: string) => void,
  flags: OutputFlags,
  value: unknown,
  indent?: number,
): void {
  if (flags.output === 'yaml') out(toYaml(value).trimEnd());
  else out(JSON.stringify(value, null, indent));
}

/** One record of a stream (`watch`): a JSON line, or a YAML document. */
export function printRecord(out: (text: string) => void, flags: OutputFlags, value: unknown): void {
  if (flags.output === 'yaml') out(`---\n${toYaml(value).trimEnd()}`);
  else out(JSON.stringify(value));
}
