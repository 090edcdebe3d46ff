import { builtinPlan, type RunbookInput } from '../src/index.ts';

/** Every `{ fr, en }` text of `value` with its French dropped. */
function dropFrench(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropFrench);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const isText = entries.length === 2 && typeof (value as Record<string, unknown>).fr === 'string';
  return Object.fromEntries(
    entries.filter(([key]) => !(isText && key === 'fr')).map(([key, v]) => [key, dropFrench(v)]),
  );
}

/** The TopSteel plan as an English-only runbook: no French anywhere, `languages: [en]`. */
export function englishOnlyPlan(): RunbookInput {
  const plan = dropFrench(structuredClone(builtinPlan)) as RunbookInput;
  plan.meta.languages = ['en'];
  return plan;
}
