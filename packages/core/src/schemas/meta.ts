import { z } from 'zod';
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

/** One application deployed blue and green. */
export const appSchema = z.object({
  /** Short id used in flags and URLs (`api`, `web`). */
  id: idSchema,
  label: localizedSchema,
  /** The deployment that carries the current release (green). */
  deployment: z.string().min(1),
  /** The deployment that keeps the previous stable release (blue). */
  blueDeployment: z.string().min(1),
  service: z.string().min(1),
  container: z.string().min(1),
  /** Image repository, without tag. */
  image: z.string().min(1),
  /** Path of the health endpoint on the service. */
  healthPath: z.string().startsWith('/'),
  /** The label key whose value (`blue` or `green`) the service selects on. */
  colorLabel: z.string().min(1).default('version'),
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
  namespace: z.string().min(1),
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
