/** Confirmation of destructive steps: asked on a TTY, refused without one unless --yes. */
import { EXIT, RunbookError } from '@runbook/core';

/** Asks before a destructive step; resolves when it may go on, throws E_NOT_CONFIRMED (exit 3) otherwise. */
export interface Confirm {
  (question: string): Promise<void>;
  /** No terminal and no --yes: every question is refused, so a run can stop before it takes any lock. */
  readonly refusesAll: boolean;
}

export interface ConfirmOptions {
  /** `--yes`: no question asked. */
  yes: boolean;
  isTTY: boolean;
  /** Asks on the terminal; true for yes. */
  ask: (question: string) => Promise<boolean>;
}

/** Builds the confirm function of a run. */
export function createConfirm(options: ConfirmOptions): Confirm {
  const confirm = async (question: string) => {
    if (options.yes) return;
    if (!options.isTTY) {
      throw new RunbookError(
        'E_NOT_CONFIRMED',
        `${question}: refused, no terminal to confirm on`,
        EXIT.precondition,
        'rerun with --yes to confirm non-interactively',
      );
    }
    if (!(await options.ask(question))) {
      throw new RunbookError(
        'E_NOT_CONFIRMED',
        `${question}: not confirmed, nothing changed`,
        EXIT.precondition,
      );
    }
  };
  return Object.assign(confirm, { refusesAll: !options.yes && !options.isTTY });
}
