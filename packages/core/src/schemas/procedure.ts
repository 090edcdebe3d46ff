import { z } from 'zod';
import { durationSchema, idSchema, localizedSchema } from './localized.ts';
import { runbookCommandSchema } from './runbook-command.ts';

/** A command a human can type when the tool is unavailable. */
export const manualCommandSchema = z.object({
  lang: z.enum(['bash', 'sql']),
  /** The command, exactly as it is typed. */
  code: z.string().min(1),
  /**
   * An example to adapt before use (the plan's `-- Ex:` lines): its values are placeholders like `<table>`;
   * shown without a copy button, marked "example, adapt before use". Lint requires a `<…>` placeholder in it.
   */
  example: z.boolean().optional(),
});
export type ManualCommand = z.infer<typeof manualCommandSchema>;

/** One step of a procedure. */
export const stepSchema = z.object({
  id: idSchema,
  title: localizedSchema,
  /** Why the step exists and what it does. */
  explanation: localizedSchema,
  /** The `./runbook …` command that performs the step, when the tool does it. */
  runbook: runbookCommandSchema.optional(),
  /** The manual equivalent: kubectl, psql or shell commands, in order. */
  commands: z.array(manualCommandSchema),
  /** Whether the step changes or removes something that cannot be taken back without another procedure. */
  destructive: z.boolean(),
  /** What should be observed once the step is done. */
  expected: localizedSchema,
  /** How to check it. */
  verify: localizedSchema,
});
export type Step = z.infer<typeof stepSchema>;

/** A procedure of the plan: capture, a rollback option, a database restore, a verification, the emergency run. */
export const procedureSchema = z.object({
  id: idSchema,
  title: localizedSchema,
  kind: z.enum(['capture', 'rollback', 'database', 'verification', 'emergency']),
  /** When to choose this procedure. */
  whenToUse: localizedSchema,
  /** The plan's target duration, as a range. */
  targetDuration: z.object({ min: durationSchema, max: durationSchema }),
  /** Whether the plan recommends this option first. */
  recommended: z.boolean().default(false),
  /** What must hold before starting. */
  preconditions: z.array(localizedSchema),
  /** The one command that runs the whole procedure. */
  runbook: runbookCommandSchema,
  /** What may be lost, stated up front (database procedures). */
  dataLossWindow: localizedSchema.optional(),
  steps: z.array(stepSchema).min(1),
});
export type Procedure = z.infer<typeof procedureSchema>;
