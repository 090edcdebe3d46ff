import { z } from 'zod';

/** A language code as the runbook declares it: `en`, `fr`, `pt-BR`. */
export const langSchema = z
  .string()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language code like en, fr or pt-BR');
export type Lang = z.infer<typeof langSchema>;

/**
 * The languages the runbook being parsed declares (`meta.languages`). Zod has no parse context, so
 * `parseRunbook` sets them for the length of one synchronous parse; outside it no language is required.
 */
let required: readonly Lang[] = [];

/** Runs `parse` with every localized field required in `languages`. */
export function withLanguages<T>(languages: readonly Lang[], parse: () => T): T {
  const before = required;
  required = languages;
  try {
    return parse();
  } finally {
    required = before;
  }
}

/**
 * A human-readable text, one entry per language of the runbook (`meta.languages`); none may be empty.
 * Other languages may be present: they are ignored.
 */
export const localizedSchema = z.record(langSchema, z.string().min(1)).check((ctx) => {
  for (const lang of required) {
    if (ctx.value[lang] === undefined)
      ctx.issues.push({
        code: 'custom',
        path: [lang],
        message: `required, as meta.languages lists "${lang}"`,
        input: ctx.value,
      });
  }
});
export type Localized = z.infer<typeof localizedSchema>;

/** The runbook's languages, the first being the default of every output. */
export const languagesSchema = z
  .array(langSchema)
  .min(1)
  .refine((langs) => new Set(langs).size === langs.length, 'expected each language once');

/** Identifiers are kebab-case so that they read well in URLs, flags and journal records. */
export const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id');

/** A duration such as `30s`, `5m`, `2h` or `90d`. */
export const durationSchema = z
  .string()
  .regex(/^\d+(?:\.\d+)?(?:ms|s|m|h|d)$/, 'expected a duration like 30s or 5m');
export type Duration = z.infer<typeof durationSchema>;
