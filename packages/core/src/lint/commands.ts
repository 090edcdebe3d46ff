/** What a reader copying a command at 3 a.m. must be protected from: invented values, unasked confirmations. */
import type { Rule } from './_problem.ts';
import { error } from './_problem.ts';

/** `<table>`, `<new_column>`: a value the reader must replace. */
const PLACEHOLDER = /<[^<>\s]+>/;

/** Whether a command holds at least one `<…>` placeholder. */
export function hasPlaceholder(code: string): boolean {
  return PLACEHOLDER.test(code);
}

/** Whether a `./runbook …` command confirms on its own (`--yes`, `-y`). */
export function carriesYes(command: string): boolean {
  return /(?:^|\s)(?:--yes(?:=\S*)?|-y)(?=\s|$)/.test(command);
}

/** An example without a `<…>` placeholder reads as a real command, and gets run as one. */
export const examplePlaceholders: Rule = (runbook) =>
  runbook.procedures.flatMap((p, i) =>
    p.steps.flatMap((s, j) =>
      s.commands.flatMap((c, k) =>
        c.example && !hasPlaceholder(c.code)
          ? [
              error(
                'example-placeholder',
                `procedures[${i}].steps[${j}].commands[${k}].code`,
                'an example command must show what to adapt as <placeholders>, like <table>',
              ),
            ]
          : [],
      ),
    ),
  );

/** The most-copied command is the one that must still ask before it changes what serves traffic. */
export const destructiveQuickYes: Rule = (runbook) =>
  runbook.quickCommands.flatMap((q, i) =>
    q.destructive && carriesYes(q.runbook)
      ? [
          error(
            'destructive-quick-yes',
            `quickCommands[${i}].runbook`,
            `destructive quick command "${q.id}" carries --yes: it would act without asking; remove the flag`,
          ),
        ]
      : [],
  );
