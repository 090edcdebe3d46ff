import { requireRunbook } from './parse.ts';
import { builtinPlan } from './plan/index.ts';
import type { Runbook } from './schemas/index.ts';

export * from './authoring/skeleton.ts';
export * from './authoring/skeleton-yaml.ts';
export * from './errors.ts';
export * from './i18n.ts';
export * from './json-schema.ts';
export { carriesYes, hasPlaceholder } from './lint/commands.ts';
export { type LintContext, lint, type Rule, rules } from './lint/index.ts';
export * from './logic/apps.ts';
export * from './logic/criteria.ts';
export * from './logic/display.ts';
export * from './logic/duration.ts';
export * from './logic/escalation.ts';
export * from './logic/hash.ts';
export * from './logic/incident-record.ts';
export * from './logic/incident-status.ts';
export * from './logic/promql.ts';
export * from './logic/schema-match.ts';
export * from './logic/template.ts';
export * from './logic/text-table.ts';
export * from './parse.ts';
/** The built-in runbook as written, before parsing (its data lives in `plan/`). */
export { builtinPlan } from './plan/index.ts';
export * from './schemas/index.ts';
export * from './yaml.ts';

let cached: Runbook | undefined;

/**
 * The CLI's bundle carries the built-in runbook as its build parsed and checked it (packages/cli/bin/build.mjs):
 * checking it again cost each command ~35 ms of start-up. Anywhere else this is undefined.
 */
declare const __RUNBOOK_BUILTIN_JSON__: string | undefined;

/** The built-in runbook, parsed and checked once. */
export function defaultRunbook(): Runbook {
  cached ??=
    typeof __RUNBOOK_BUILTIN_JSON__ === 'string'
      ? (JSON.parse(__RUNBOOK_BUILTIN_JSON__) as Runbook)
      : requireRunbook(structuredClone(builtinPlan));
  return cached;
}
