import type { Problem } from '../errors.ts';
import type { Runbook } from '../schemas/index.ts';

/** Context lint rules may read that is not in the runbook itself. */
export interface LintContext {
  /** The date reviews are measured against. */
  now: Date;
}

export type Rule = (runbook: Runbook, context: LintContext) => Problem[];

export const error = (rule: string, path: string, message: string): Problem => ({
  rule,
  path,
  message,
  level: 'error',
});

export const warning = (rule: string, path: string, message: string): Problem => ({
  rule,
  path,
  message,
  level: 'warning',
});
