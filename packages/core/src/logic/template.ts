import { RunbookError, UsageError } from '../errors.ts';
import { localize } from '../i18n.ts';
import type { Lang, Runbook, Template } from '../schemas/index.ts';

const PLACEHOLDER = /\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g;

/** The placeholder names a template body uses, in order of first use. */
export function placeholdersIn(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function findTemplate(runbook: Runbook, id: string): Template {
  const template = runbook.templates.find((t) => t.id === id);
  if (!template) {
    const known = runbook.templates.map((t) => t.id).join(', ');
    throw new UsageError(`template: unknown template "${id}", expected one of ${known}`);
  }
  return template;
}

/**
 * Fills a template. A value missing with no default is an error naming it:
 * a half-filled notice sent to customers is worse than none.
 */
export function renderTemplate(
  runbook: Runbook,
  id: string,
  vars: Record<string, string>,
  lang: Lang = runbook.meta.languages[0]!,
): string {
  const template = findTemplate(runbook, id);
  const declared = new Set(template.placeholders.map((p) => p.name));
  for (const name of Object.keys(vars)) {
    if (!declared.has(name)) {
      throw new UsageError(
        `--var ${name}: template "${id}" has no placeholder "${name}"; expected one of ${[...declared].join(', ')}`,
      );
    }
  }
  const missing = template.placeholders
    .filter((p) => vars[p.name] === undefined && !p.default)
    .map((p) => p.name);
  if (missing.length > 0) {
    throw new RunbookError(
      'E_TEMPLATE_VAR',
      `template "${id}": missing value for ${missing.map((m) => `"${m}"`).join(', ')}`,
      2,
      `pass ${missing.map((m) => `--var ${m}=…`).join(' ')}`,
    );
  }
  return localize(template.body, lang).replace(PLACEHOLDER, (_, name: string) => {
    const placeholder = template.placeholders.find((p) => p.name === name);
    return vars[name] ?? (placeholder?.default ? localize(placeholder.default, lang) : '');
  });
}
