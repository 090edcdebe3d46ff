/**
 * What the commands need of the runbook's templates. `check --strict` must fail on a runbook that would
 * make `emergency`, `notify`, `postmortem` or the drill stop with a usage error in the middle of an incident.
 */
import type { Problem } from '../errors.ts';
import { error, type Rule, warning } from './_problem.ts';

export interface TemplateNeed {
  /** Who fills the template, for the message. */
  usedBy: string;
  /** The placeholders the command fills on its own; any other must have a default. */
  fills: readonly string[];
  /** Whether a person can still give a missing value on the command line (`--var`). */
  takesVars: boolean;
}

/** The template ids the commands use; kept next to the lint that checks them. */
export const TEMPLATE_NEEDS: Readonly<Record<string, TemplateNeed>> = {
  internal: {
    usedBy: 'emergency and the drill',
    fills: ['start', 'impact', 'version', 'eta', 'followUp', 'status'],
    takesVars: false,
  },
  customer: { usedBy: 'notify --template customer', fills: [], takesVars: true },
  postmortem: {
    usedBy: 'postmortem and the drill',
    fills: ['date', 'incident', 'duration', 'timeline', 'versions'],
    takesVars: false,
  },
};

/** A template a command uses must exist. */
export const templatesPresent: Rule = (runbook) =>
  Object.entries(TEMPLATE_NEEDS)
    .filter(([id]) => !runbook.templates.some((t) => t.id === id))
    .map(([id, need]) =>
      error('template-needed', 'templates', `missing template "${id}", used by ${need.usedBy}`),
    );

/** Every placeholder a command cannot fill needs a default, or that command stops at exit 2. */
export const templateValuesFilled: Rule = (runbook) =>
  runbook.templates.flatMap((t, i) => {
    const need = TEMPLATE_NEEDS[t.id];
    if (!need) return [];
    return t.placeholders.flatMap((p, j): Problem[] => {
      if (p.default || need.fills.includes(p.name)) return [];
      const path = `templates[${i}].placeholders[${j}]`;
      return need.takesVars
        ? [
            warning(
              'template-value',
              path,
              `"${p.name}" has no default: ${need.usedBy} needs --var ${p.name}=… every time`,
            ),
          ]
        : [
            error(
              'template-value',
              path,
              `"${p.name}" has no default and ${need.usedBy} cannot fill it; give it a default (they fill ${need.fills.join(', ')})`,
            ),
          ];
    });
  });
