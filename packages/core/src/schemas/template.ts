import { z } from 'zod';
import { idSchema, localizedSchema } from './localized.ts';

/** A value to fill into a template, written `{{name}}` in the body. */
export const placeholderSchema = z.object({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'expected a camelCase placeholder name'),
  label: localizedSchema,
  type: z.enum(['text', 'time', 'date', 'duration', 'version', 'url', 'number', 'list']),
  /**
   * A sample value, shown beside the field as a hint (never as its value) and used by drills: one text for
   * every language (`v1.2.3`), or one per language (`{ fr: '20 % des requêtes en erreur', en: … }`).
   * Read it with `placeholderExample(p, lang)`.
   */
  example: z.union([z.string().min(1), localizedSchema]).optional(),
  /** Used when no value is given; without one, a missing value is an error. */
  default: localizedSchema.optional(),
});
export type Placeholder = z.infer<typeof placeholderSchema>;

/** A message or document to fill in: internal notice, customer notice, post-mortem. */
export const templateSchema = z.object({
  id: idSchema,
  title: localizedSchema,
  audience: z.enum(['internal', 'customer', 'post-mortem']),
  /** Markdown-ish text with `{{name}}` placeholders. */
  body: localizedSchema,
  placeholders: z.array(placeholderSchema),
});
export type Template = z.infer<typeof templateSchema>;
