import { z } from 'zod';
import { durationSchema, idSchema, localizedSchema } from './localized.ts';

export const comparatorSchema = z.enum(['>', '>=', '<', '<=', '==']);
export type Comparator = z.infer<typeof comparatorSchema>;

/** What the plan calls for when a criterion trips. */
export const actionSchema = z.enum(['rollback', 'immediate-rollback', 'emergency-rollback']);
export type Action = z.infer<typeof actionSchema>;

export const severitySchema = z.enum(['warning', 'critical']);

/** The signals the tool knows how to measure; each maps to PromQL over conventional metric names. */
export const signalSchema = z.enum([
  'error-rate',
  'latency-p95',
  'availability',
  'payment-failure-rate',
  'db-connections',
]);
export type Signal = z.infer<typeof signalSchema>;

const common = {
  id: idSchema,
  label: localizedSchema,
  description: localizedSchema,
  severity: severitySchema,
  action: actionSchema,
  /** The procedure this criterion leads to. */
  procedure: idSchema,
};

/** A criterion measured from metrics. */
export const metricCriterionSchema = z.object({
  ...common,
  kind: z.literal('metric'),
  signal: signalSchema,
  comparator: comparatorSchema,
  threshold: z.number(),
  /** How the threshold is shown to humans. */
  unit: z.enum(['ratio', 'seconds', 'count']),
  /** How long the breach must last before it counts; `null`: at once. */
  window: durationSchema.nullable(),
  /** The range rates are computed over. */
  range: durationSchema,
  /**
   * PromQL that replaces the standard query of the signal (which is scoped to the apps' `metricLabels`);
   * `$range` in it becomes `range`. Write the service's label matchers in it. Alert rules and Prometheus use
   * it as is; a source without Prometheus (scraped `/metrics`, the sim) measures the criterion by `signal`.
   */
  query: z.string().min(1).optional(),
  /** A person may also declare this criterion with `decide --declare <event>`. */
  event: z.enum(['payment', 'data-loss', 'security']).optional(),
});

/** A criterion a person declares (data loss, security flaw, payment incident). */
export const eventCriterionSchema = z.object({
  ...common,
  kind: z.literal('event'),
  /** The word used with `decide --declare`. */
  event: z.enum(['payment', 'data-loss', 'security']),
});

export const criterionSchema = z.discriminatedUnion('kind', [metricCriterionSchema, eventCriterionSchema]);
export type Criterion = z.infer<typeof criterionSchema>;
export type MetricCriterion = z.infer<typeof metricCriterionSchema>;
export type EventCriterion = z.infer<typeof eventCriterionSchema>;
