import { z } from 'zod';
import { idSchema, localizedSchema } from './localized.ts';

/** Someone to call during an incident. */
export const contactSchema = z.object({
  id: idSchema,
  role: localizedSchema,
  name: z.string().min(1),
  /** International format; the plan still has placeholders (`+33 6 XX XX XX XX`), which lint reports. */
  phone: z.string().regex(/^\+[0-9X ]{6,}$/, 'expected an international phone number like +33 6 12 34 56 78'),
  email: z.email(),
});
export type Contact = z.infer<typeof contactSchema>;
