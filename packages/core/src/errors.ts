/**
 * Exit codes, documented in the README and in `--help`.
 * 1 is kept for `check` finding errors in the runbook itself.
 */
export const EXIT = {
  ok: 0,
  lint: 1,
  usage: 2,
  precondition: 3,
  verification: 4,
  infrastructure: 5,
  rollbackRecommended: 10,
  inconclusive: 11,
} as const;

/** An error meant for a person: one line, a code to grep for, an exit code and a hint of what to do. */
export class RunbookError extends Error {
  override name = 'RunbookError';
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Bad flags, arguments or input values. */
export class UsageError extends RunbookError {
  override name = 'UsageError';
  constructor(message: string, hint?: string) {
    super('E_USAGE', message, EXIT.usage, hint);
  }
}

/** A runbook that does not pass its schema or its lint rules. */
export class InvalidRunbookError extends RunbookError {
  override name = 'InvalidRunbookError';
  constructor(readonly problems: readonly Problem[]) {
    super('E_RUNBOOK', problems.map((p) => `${p.path}: ${p.message}`).join('\n'), EXIT.lint);
  }
}

/** A problem found in a runbook, at a path such as `criteria[2].threshold`. */
export interface Problem {
  path: string;
  message: string;
  level: 'error' | 'warning';
  rule: string;
}
