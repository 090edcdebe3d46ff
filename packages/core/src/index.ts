import { requireRunbook } from './parse.ts';
import { topsteelPlan } from './plan/index.ts';
import type { Runbook } from './schemas/index.ts';

export * from './authoring/skeleton.ts';
export * from './authoring/skeleton-yaml.ts';
export * from './errors.ts';
export * from './i18n.ts';
export * from './json-schema.ts';
export { type LintContext, lint, type Rule, rules } from './lint/index.ts';
export * from './logic/apps.ts';
export * from './logic/criteria.ts';
export * from './logic/duration.ts';
export * from './logic/escalation.ts';
export * from './logic/hash.ts';
export * from './logic/promql.ts';
export * from './logic/schema-match.ts';
export * from './logic/template.ts';
export * from './parse.ts';
/** `builtinPlan`: the built-in runbook as written, before parsing; code outside the plan's data uses this name. */
export { topsteelPlan, topsteelPlan as builtinPlan } from './plan/index.ts';
export * from './schemas/index.ts';

let cached: Runbook | undefined;

/** The TopSteel plan, parsed and checked once. */
export function defaultRunbook(): Runbook {
  cached ??= requireRunbook(structuredClone(topsteelPlan));
  return cached;
}
