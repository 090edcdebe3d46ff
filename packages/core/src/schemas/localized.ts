import { z } from 'zod';

/** The languages every human-readable field is written in; French is the plan's own and the default. */
export const LANGS = ['fr', 'en'] as const;
export const langSchema = z.enum(LANGS);
export type Lang = z.infer<typeof langSchema>;

/** A human-readable text, in both languages. Neither may be empty. */
export const localizedSchema = z.object({
  /** French, the plan's language. */
  fr: z.string().min(1),
  /** English. */
  en: z.string().min(1),
});
export type Localized = z.infer<typeof localizedSchema>;

/** Identifiers are kebab-case so that they read well in URLs, flags and journal records. */
export const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id');

/** A duration such as `30s`, `5m`, `2h` or `90d`. */
export const durationSchema = z
  .string()
  .regex(/^\d+(?:\.\d+)?(?:ms|s|m|h|d)$/, 'expected a duration like 30s or 5m');
export type Duration = z.infer<typeof durationSchema>;
