import { z } from 'zod';
import { dnsNameSchema, dnsSubdomainSchema, labelKeySchema } from './kube-names.ts';
import { durationSchema, idSchema, languagesSchema, localizedSchema } from './localized.ts';

/** Where an environment's database lives. The password is never part of the data. */
export const databaseSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().positive().default(5432),
  user: z.string().min(1),
  name: z.string().min(1),
});

/** A place the runbook can run against. */
export const environmentSchema = z.object({
  /** kube context to use; `null` means the current context of the kubeconfig. */
  kubeContext: z.string().min(1).nullable(),
  /**
   * Kube contexts of the clusters (regions) that each run the service, when there are several: a rollback,
   * verify, emergency or status then runs on all of them at once, each with its own lock and incident record.
   * Leave `kubeContext` null when this is set. `--clusters a,b` narrows a run to some of them.
   */
  clusters: z.array(z.string().min(1)).min(1).nullable().default(null),
  /** Public health URL per app id; `null` means reach the service through the API server's service proxy. */
  healthUrls: z.record(z.string(), z.url()).nullable(),
  /** Public metrics URL per app id, when the apps expose them; otherwise the service proxy is used. */
  metricsUrls: z.record(z.string(), z.url()).nullable().default(null),
  /** Prometheus base URL used by `decide`; `null` when there is none. */
  prometheusUrl: z.url().nullable(),
  database: databaseSchema.nullable(),
  /** Whether this is the embedded simulated cluster. */
  simulated: z.boolean().default(false),
});
export type Environment = z.infer<typeof environmentSchema>;

/** One request of an app's critical path: `verify` sends it through the app's service, the sim's app answers it. */
export const criticalRouteSchema = z.object({
  /** What the request stands for, shown in verify's output (`product list`, `invoice creation`). */
  name: z.string().min(1),
  /** Path on the service, with its leading `/`. */
  path: z.string().startsWith('/'),
  /** HTTP method; the request passes on any 2xx answer. */
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  /**
   * Whether a request to this route is a payment attempt: the sim counts it in `payment_attempts_total`
   * and `payment_failures_total`, which the `payment-failure-rate` signal reads.
   */
  payment: z.boolean().default(false),
});
export type CriticalRoute = z.infer<typeof criticalRouteSchema>;

/** Label names and values, as Kubernetes and Prometheus use them. */
const labelsSchema = z.record(z.string().min(1), z.string());

/** One application deployed blue and green. */
export const appSchema = z.object({
  /** Short id used in flags and URLs (`api`, `web`). */
  id: idSchema,
  label: localizedSchema,
  /** The deployment that carries the current release (green). */
  deployment: dnsSubdomainSchema,
  /** The deployment that keeps the previous stable release (blue). */
  blueDeployment: dnsSubdomainSchema,
  service: dnsNameSchema,
  container: dnsNameSchema,
  /** Image repository, without tag. */
  image: z.string().min(1),
  /** Path of the health endpoint on the service. */
  healthPath: z.string().startsWith('/'),
  /** The label key whose value (`blue` or `green`) the service selects on. */
  colorLabel: labelKeySchema.default('version'),
  /** Port the container listens on; the service's port 80 forwards to it. */
  port: z.number().int().min(1).max(65535).default(3000),
  /** Pods of each colour. */
  replicas: z.number().int().min(1).default(2),
  /**
   * Labels every pod of the app carries, both colours (the colour label is added to them); the service
   * selects on them. Default `{ app: <deployment> }`.
   */
  labels: labelsSchema.optional(),
  /**
   * Label matchers (equality) that pick this app's series in Prometheus; the standard criterion queries
   * carry them, and the sim's metrics carry these labels. Default: the pod labels.
   */
  metricLabels: labelsSchema.optional(),
  /** Requests that make up the app's critical path; empty: only health is checked. */
  criticalPath: z.array(criticalRouteSchema).default([]),
});
export type App = z.infer<typeof appSchema>;

/** What an app version expects of the database schema. */
export const appVersionSchema = z.object({
  version: z.string().regex(/^v\d+\.\d+\.\d+$/, 'expected a version like v1.2.3'),
  /** Name of the last TypeORM migration this version needs. */
  lastMigration: z.string().min(1),
  /** Whether the migrations up to this version can still run the previous version. */
  backwardCompatible: z.boolean().default(true),
});

export const metaSchema = z.object({
  /**
   * The languages every localized field is written in (`[en]`, `[fr, en]`). The first is the default of the
   * CLI, the site's root and the first PDF.
   */
  languages: languagesSchema,
  title: localizedSchema,
  /** The service this runbook rolls back. */
  service: z.string().min(1),
  /** The Kubernetes namespace every command must target. */
  namespace: dnsNameSchema,
  /** Version of the runbook document itself. */
  version: z.string().min(1),
  /** Date of the last review, `YYYY-MM-DD`. */
  lastReviewed: z.iso.date(),
  /** How long a review stays valid. */
  reviewInterval: durationSchema,
  /** Contact ids of the people who own this runbook. */
  owners: z.array(idSchema).min(1),
  /** Base URL of the published docs site, used in alert annotations. */
  docsUrl: z.url(),
  /** Known stable release, the default of a pinned rollback. */
  stableVersion: z.string().regex(/^v\d+\.\d+\.\d+$/),
  apps: z.array(appSchema).min(1),
  environments: z
    .object({ production: environmentSchema, sim: environmentSchema })
    .catchall(environmentSchema),
  backups: z.object({
    /** Directory holding the dumps. */
    dir: z.string().min(1),
    /** File name pattern; `{stamp}` is `YYYYMMDD-HH`. */
    pattern: z.string().includes('{stamp}'),
  }),
  migrations: z.object({
    /** Table TypeORM keeps its migrations in. */
    table: z.string().min(1).default('migrations'),
    /** Command the stable image runs to revert one migration. */
    revertCommand: z.array(z.string().min(1)).min(1),
    /** Image tag used for the revert job. */
    revertImageTag: z.string().min(1),
  }),
  /** What each app version expects of the schema, so that app and database can be checked against each other. */
  appVersions: z.array(appVersionSchema).default([]),
  /** The critical-path test command run by `verify`, as an argv array. */
  criticalTests: z.array(z.string().min(1)).min(1),
  /** Notice printed with the document. */
  notice: localizedSchema,
});
export type Meta = z.infer<typeof metaSchema>;
