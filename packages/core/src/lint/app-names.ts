/**
 * A manual command naming a deployment or a service that belongs to no app of the runbook: after a rename
 * or a copy from another runbook, the person typing it at 3 a.m. would act on the wrong object or on none.
 */
import type { Runbook } from '../schemas/index.ts';
import { error, type Rule } from './_problem.ts';

const KINDS: Record<string, 'deployment' | 'service'> = {
  deployment: 'deployment',
  deployments: 'deployment',
  deploy: 'deployment',
  service: 'service',
  services: 'service',
  svc: 'service',
};
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** `[kind, name]` pairs a kubectl segment names: `deployment/x`, or `get service a b -n ns`. */
export function kubectlObjects(segment: string): ['deployment' | 'service', string][] {
  const words = segment.trim().split(/\s+/);
  const found: ['deployment' | 'service', string][] = [];
  words.forEach((word, i) => {
    const slash = /^([a-z]+)\/(.+)$/.exec(word);
    const kind = KINDS[slash ? slash[1]! : word];
    if (!kind) return;
    if (slash) {
      if (NAME.test(slash[2]!)) found.push([kind, slash[2]!]);
      return;
    }
    // Bare names follow the kind until a flag or anything that is not a name (`api=image`, `$VAR`).
    for (const next of words.slice(i + 1)) {
      if (!NAME.test(next)) break;
      found.push([kind, next]);
    }
  });
  return found;
}

function knownNames(runbook: Runbook) {
  return {
    deployment: new Set(runbook.meta.apps.flatMap((a) => [a.deployment, a.blueDeployment])),
    service: new Set(runbook.meta.apps.map((a) => a.service)),
  };
}

export const unknownAppObjects: Rule = (runbook) => {
  const known = knownNames(runbook);
  const check = (path: string, code: string) =>
    code
      .split(/\|\||&&|[|;\n]/)
      .filter((segment) => /\bkubectl\b/.test(segment))
      .flatMap((segment) => kubectlObjects(segment.slice(segment.search(/\bkubectl\b/))))
      .filter(([kind, name]) => !known[kind].has(name))
      .map(([kind, name]) =>
        error(
          'unknown-app-object',
          path,
          `command names ${kind} "${name}", which belongs to no app (expected one of ${[...known[kind]].join(', ')})`,
        ),
      );
  return [
    ...runbook.procedures.flatMap((p, i) =>
      p.steps.flatMap((s, j) =>
        s.commands.flatMap((c, k) =>
          c.lang === 'bash' ? check(`procedures[${i}].steps[${j}].commands[${k}].code`, c.code) : [],
        ),
      ),
    ),
    ...runbook.quickCommands.flatMap((q, i) => [
      ...check(`quickCommands[${i}].manual`, q.manual),
      ...(q.check ? check(`quickCommands[${i}].check.manual`, q.check.manual) : []),
    ]),
  ];
};
