/**
 * The browser's copy of core's `renderTemplate` rule, without zod or node:crypto in the bundle:
 * a value given wins, then the placeholder's default, and a placeholder with neither is reported missing.
 * A test checks it against core's function for every template of the runbook.
 */
export const PLACEHOLDER = /\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g;

export interface FillResult {
  text: string;
  /** Names with no value and no default: core refuses to render these. */
  missing: string[];
}

export function fill(
  body: string,
  values: Record<string, string>,
  defaults: Record<string, string>,
): FillResult {
  const missing = new Set<string>();
  const value = (name: string) => {
    const given = values[name];
    if (given !== undefined && given !== '') return given;
    const fallback = defaults[name];
    if (fallback !== undefined) return fallback;
    missing.add(name);
    return '';
  };
  const text = body.replace(PLACEHOLDER, (_, name: string) => value(name));
  return { text, missing: [...missing] };
}
