import { readFileSync } from 'node:fs';
import { type Problem, parseRunbook, parseRunbookText, topsteelPlan, UsageError } from '@runbook/core';

/** Unlike other commands, check reports problems instead of refusing to start on them. */
export function loadForCheck(file: string | undefined): { errors: Problem[]; warnings: Problem[] } {
  if (!file) return parseRunbook(structuredClone(topsteelPlan));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `--runbook: cannot read "${file}" (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return parseRunbookText(text);
}
