/** App and schema must match, for `rollback native` and `rollback version`: checked before anything changes. */
import type { SchemaMatch } from '@runbook/core';
import { createDbAdapter, type DbAdapter, resolveConnection } from '../adapters/db.ts';
import { assertSchemaMatch } from '../schema-match.ts';
import type { ProcedureDeps } from './deps.ts';

/** The schema check a rollback makes; absent, the procedure makes none (the drill, library callers). */
export interface SchemaCheck {
  /** The database to check against; null when none is configured: the check is skipped, and says so. */
  db: DbAdapter | null;
  /** Go on despite a mismatch, with a warning, journaled. */
  force?: boolean;
}

export const SCHEMA_DETAILS =
  'App/schema mismatch (the target version expects a migration the database lacks, or the reverse): exit 3\nunless --force. With no --database, DATABASE_URL, PGHOST or PGDATABASE, the check is skipped.';

/** From the flags: a database only when one is configured; `--database` that is not a URL is exit 2. */
export function schemaCheckFrom(
  url: string | undefined,
  env: NodeJS.ProcessEnv,
  force: boolean,
): SchemaCheck {
  if (!url && !env.DATABASE_URL && !env.PGHOST && !env.PGDATABASE) return { db: null, force };
  return { db: createDbAdapter(resolveConnection({ url, env })), force };
}

/**
 * Checks that `targetTag` can run on the database's migrations; throws E_SCHEMA_MISMATCH (exit 3) unless
 * forced. The result is journaled as the `schema-match` step, so a forced mismatch stays on record.
 */
export async function checkTargetSchema(
  deps: ProcedureDeps,
  check: SchemaCheck | undefined,
  targetTag: string,
): Promise<SchemaMatch | null> {
  if (!check) return null;
  const { db } = check;
  if (!db) {
    deps.log('schema check skipped: no database configured (--database, DATABASE_URL or PGHOST/PGDATABASE)');
    await deps.journal.skip('schema-match', 'no database configured', { targetTag });
    return null;
  }
  const force = Boolean(check.force);
  const inputs = { targetTag, database: db.describe(), force };
  const match = await deps.journal.check('schema-match', inputs, async () => {
    const m = await assertSchemaMatch(deps.runbook, db, deps.kube, targetTag, force);
    return { ...m, forced: !m.ok };
  });
  if (match.ok) deps.log(`✓ schema: ${match.hint}`);
  else deps.log(`warning: --force: app and schema do not match: ${match.problem}`);
  return match;
}
