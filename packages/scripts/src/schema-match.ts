/** App and schema must match: the impure half of checkSchemaMatch, for rollback native/version and db-rollback. */
import {
  type App,
  checkSchemaMatch,
  EXIT,
  type Runbook,
  RunbookError,
  type SchemaMatch,
  tagOf,
} from '@runbook/core';
import type { DbAdapter } from './adapters/db.ts';
import type { KubeAdapter } from './adapters/kube.ts';
import type { Deployment } from './adapters/kube-types.ts';

/** The API app of the runbook: the one whose deployment the migrations belong to (id `api`, else the first). */
export function apiApp(runbook: Runbook): App {
  return runbook.meta.apps.find((a) => a.id === 'api') ?? runbook.meta.apps[0]!;
}

/** Image tag of the app's container in a Deployment object. */
export function imageTagOf(deployment: Deployment, app: App): string {
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  const image = (containers.find((c) => c.name === app.container) ?? containers[0])?.image ?? '';
  return tagOf(image);
}

/** Refuses (exit 3) unless the match is ok or `force` is given. */
export function enforceSchemaMatch(result: SchemaMatch, force: boolean): SchemaMatch {
  if (result.ok || force) return result;
  throw new RunbookError(
    'E_SCHEMA_MISMATCH',
    `app and schema do not match: ${result.problem}`,
    EXIT.precondition,
    `${result.hint}`,
  );
}

/**
 * Checks that `targetTag` (default: the image the app's Deployment runs now) can run on the database's
 * applied migrations; throws E_SCHEMA_MISMATCH (exit 3) unless `force`. Returns the check, for the journal
 * (its `ok` is false when forced through). Call it before changing anything.
 */
export async function assertSchemaMatch(
  runbook: Runbook,
  db: DbAdapter,
  kube: KubeAdapter,
  targetTag: string | undefined,
  force: boolean,
): Promise<SchemaMatch> {
  const app = apiApp(runbook);
  const tag = targetTag ?? imageTagOf(await kube.getDeployment(app.deployment), app);
  const applied = await db.listMigrations(db.target.database, runbook.meta.migrations.table);
  return enforceSchemaMatch(checkSchemaMatch(runbook, { imageTag: tag, appliedMigrations: applied }), force);
}
