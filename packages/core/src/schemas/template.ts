import { z } from 'zod';
import { idSchema, localizedSchema } from './localized.ts';

/** A value to fill into a template, written `{{name}}` in the body. */
export const placeholderSchema = z.object({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'expected a camelCase placeholder name'),
  label: localizedSchema,
  type: z.enum(['text', 'time', 'date', 'duration', 'version', 'url', 'number', 'list']),
  /** Shown in forms and used by drills. */
  example: z.string().optional(),
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
