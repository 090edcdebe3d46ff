import type { Problem } from '../errors.ts';
import { localize } from '../i18n.ts';
import { parseDuration } from '../logic/duration.ts';
import { placeholdersIn } from '../logic/template.ts';
import { error, type LintContext, type Rule, warning } from './_problem.ts';
import { unknownAppObjects } from './app-names.ts';
import { environmentClusters } from './clusters.ts';
import { templatesPresent, templateValuesFilled } from './command-needs.ts';
import { destructiveQuickYes, examplePlaceholders } from './commands.ts';

export type { LintContext, Rule };

/** The plan ships `+33 6 XX XX XX XX`: nobody can be called at 3 a.m. on such a number. */
export const placeholderPhones: Rule = (runbook) =>
  runbook.contacts.flatMap((c, i) =>
    /X/i.test(c.phone)
      ? [
          warning(
            'placeholder-phone',
            `contacts[${i}].phone`,
            `placeholder phone number "${c.phone}" for ${c.name} (${localize(c.role, 'en')}); write the real number`,
          ),
        ]
      : [],
  );

export const reviewOverdue: Rule = (runbook, { now }) => {
  const due =
    new Date(`${runbook.meta.lastReviewed}T00:00:00Z`).getTime() + parseDuration(runbook.meta.reviewInterval);
  if (now.getTime() <= due) return [];
  const dueDate = new Date(due).toISOString().slice(0, 10);
  return [
    warning(
      'review-overdue',
      'meta.lastReviewed',
      `review overdue since ${dueDate} (last reviewed ${runbook.meta.lastReviewed}, interval ${runbook.meta.reviewInterval})`,
    ),
  ];
};

export const duplicateIds: Rule = (runbook) => {
  const collections = [
    'criteria',
    'procedures',
    'checklists',
    'contacts',
    'templates',
    'alerts',
    'dashboards',
    'quickCommands',
  ] as const;
  const problems: Problem[] = [];
  for (const key of collections) {
    const seen = new Set<string>();
    runbook[key].forEach((item, i) => {
      if (seen.has(item.id))
        problems.push(error('duplicate-id', `${key}[${i}].id`, `duplicate id "${item.id}"`));
      seen.add(item.id);
    });
  }
  runbook.procedures.forEach((p, i) => {
    const steps = new Set<string>();
    p.steps.forEach((s, j) => {
      if (steps.has(s.id))
        problems.push(
          error('duplicate-id', `procedures[${i}].steps[${j}].id`, `duplicate step id "${s.id}"`),
        );
      steps.add(s.id);
    });
  });
  return problems;
};

/** Every id that points somewhere must land on something. */
export const danglingIds: Rule = (runbook) => {
  const problems: Problem[] = [];
  const ids = (list: { id: string }[]) => new Set(list.map((x) => x.id));
  const procedures = ids(runbook.procedures);
  const contacts = ids(runbook.contacts);
  const criteria = ids(runbook.criteria);
  const dangling = (path: string, what: string, id: string) =>
    problems.push(error('dangling-id', path, `unknown ${what} "${id}"`));

  runbook.criteria.forEach((c, i) => {
    if (!procedures.has(c.procedure)) dangling(`criteria[${i}].procedure`, 'procedure', c.procedure);
  });
  runbook.alerts.forEach((a, i) => {
    if (a.criterion && !criteria.has(a.criterion))
      dangling(`alerts[${i}].criterion`, 'criterion', a.criterion);
  });
  runbook.escalation.forEach((l, i) => {
    l.contacts.forEach((c, j) => {
      if (!contacts.has(c)) dangling(`escalation[${i}].contacts[${j}]`, 'contact', c);
    });
  });
  runbook.meta.owners.forEach((o, i) => {
    if (!contacts.has(o)) dangling(`meta.owners[${i}]`, 'contact', o);
  });
  runbook.checklists.forEach((cl, i) => {
    cl.items.forEach((item, j) => {
      if (!item.ref) return;
      const [procedureId, stepId] = item.ref.split('/');
      const procedure = runbook.procedures.find((p) => p.id === procedureId);
      if (!procedure || (stepId && !procedure.steps.some((s) => s.id === stepId))) {
        dangling(`checklists[${i}].items[${j}].ref`, 'procedure or step', item.ref);
      }
    });
  });
  return problems;
};

const NAMESPACE_FLAG = /(?:^|\s)(?:-n|--namespace)(?:\s+|=)([a-z0-9-]+)/g;

/** A command aimed at another namespace would roll back someone else's service. */
export const foreignNamespace: Rule = (runbook) => {
  const expected = runbook.meta.namespace;
  // Only kubectl's own -n counts: `watch -n 5` is an interval.
  const check = (path: string, code: string) =>
    code
      .split(/\|\||&&|[|;\n]/)
      .filter((segment) => /\bkubectl\b/.test(segment))
      .flatMap((segment) => [...segment.matchAll(NAMESPACE_FLAG)])
      .filter((m) => m[1] !== expected)
      .map((m) =>
        error('foreign-namespace', path, `command targets namespace "${m[1]}", expected "${expected}"`),
      );
  return [
    ...runbook.procedures.flatMap((p, i) =>
      p.steps.flatMap((s, j) =>
        s.commands.flatMap((c, k) => check(`procedures[${i}].steps[${j}].commands[${k}].code`, c.code)),
      ),
    ),
    ...runbook.quickCommands.flatMap((q, i) => [
      ...check(`quickCommands[${i}].manual`, q.manual),
      ...(q.check ? check(`quickCommands[${i}].check.manual`, q.check.manual) : []),
    ]),
  ];
};

export const escalationLadder: Rule = (runbook) => {
  const levels = [...runbook.escalation].sort((a, b) => a.fromMinutes - b.fromMinutes);
  const problems: Problem[] = [];
  if (levels[0] && levels[0].fromMinutes !== 0) {
    problems.push(
      error('escalation-ladder', 'escalation[0].fromMinutes', 'the first level must start at minute 0'),
    );
  }
  levels.forEach((level, i) => {
    const next = levels[i + 1];
    const path = `escalation[${runbook.escalation.indexOf(level)}].toMinutes`;
    if (next && level.toMinutes !== next.fromMinutes) {
      problems.push(
        error('escalation-ladder', path, `expected ${next.fromMinutes}, where level ${next.level} starts`),
      );
    }
    if (!next && level.toMinutes !== null) {
      problems.push(error('escalation-ladder', path, 'expected null: the last level has no end'));
    }
  });
  return problems;
};

export const alertConditions: Rule = (runbook) =>
  runbook.alerts.flatMap((a, i) =>
    Boolean(a.criterion) === Boolean(a.condition)
      ? [error('alert-condition', `alerts[${i}]`, 'expected exactly one of "criterion" or "condition"')]
      : [],
  );

export const templatePlaceholders: Rule = (runbook) =>
  runbook.templates.flatMap((t, i) => {
    const declared = new Set(t.placeholders.map((p) => p.name));
    return runbook.meta.languages.flatMap((lang) =>
      placeholdersIn(t.body[lang] ?? '')
        .filter((name) => !declared.has(name))
        .map((name) =>
          error(
            'template-placeholder',
            `templates[${i}].body.${lang}`,
            `placeholder "{{${name}}}" is not declared`,
          ),
        ),
    );
  });

export const rules: Record<string, Rule> = {
  placeholderPhones,
  reviewOverdue,
  duplicateIds,
  danglingIds,
  foreignNamespace,
  escalationLadder,
  alertConditions,
  templatePlaceholders,
  templatesPresent,
  templateValuesFilled,
  unknownAppObjects,
  examplePlaceholders,
  destructiveQuickYes,
  environmentClusters,
};
