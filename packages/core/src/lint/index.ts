import type { Problem } from '../errors.ts';
import type { Runbook } from '../schemas/index.ts';
import { type LintContext, rules } from './rules.ts';

export type { LintContext, Rule } from './rules.ts';
export { rules } from './rules.ts';

/** Runs every lint rule. Errors make `check` fail; warnings only with `--strict`. */
export function lint(runbook: Runbook, context: Partial<LintContext> = {}): Problem[] {
  const full: LintContext = { now: context.now ?? new Date() };
  return Object.values(rules).flatMap((rule) => rule(runbook, full));
}
