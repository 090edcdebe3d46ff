/**
 * The database drill's stand-in for `npm run migration:revert` in the stable image, run in process by the
 * simulated cluster's Job runner. It does what TypeORM does: in one transaction, take the newest executed
 * migration, run its down(), delete its row; a migration the "image" does not know fails the Job.
 */

import type { DbAdapter } from '@runbook/scripts';
import { quoteIdent } from '@runbook/scripts';
import type { JobRunner, KObject } from '@runbook/sim';

export interface RevertRunnerOptions {
  /** The scratch database the Job reaches, as the app's DATABASE_URL secret would say. */
  db: DbAdapter;
  /** The migrations table (meta.migrations.table). */
  table: string;
  /** The only container the runner accepts: what db-rollback is meant to create. */
  image: string;
  command: readonly string[];
  /** down() of each migration the image knows, by name. */
  down: Record<string, string[]>;
}

/** A Job runner for startSimCluster: the revert Job runs against the scratch database; any other Job fails. */
export function revertRunner(o: RevertRunnerOptions): JobRunner {
  return async (job: KObject) => {
    const container = job.spec?.template?.spec?.containers?.[0] ?? {};
    if (container.image !== o.image || JSON.stringify(container.command) !== JSON.stringify(o.command)) {
      return {
        exitCode: 127,
        log: `drill: unexpected job container ${container.image} ${container.command}\n`,
      };
    }
    const lines: string[] = [];
    try {
      await o.db.withClient(async (client) => {
        await client.query('BEGIN');
        try {
          const { rows } = await client.query<{ id: number; name: string }>(
            `SELECT id, name FROM ${quoteIdent(o.table)} ORDER BY "timestamp" DESC, id DESC LIMIT 1`,
          );
          const last = rows[0];
          if (!last) throw new Error('No migrations were found in the database. Nothing to revert!');
          const down = o.down[last.name];
          if (!down) throw new Error(`Migration "${last.name}" was not found in the source code`);
          lines.push(`query: reverting ${last.name}`);
          for (const statement of down) await client.query(statement);
          await client.query(`DELETE FROM ${quoteIdent(o.table)} WHERE id = $1`, [last.id]);
          await client.query('COMMIT');
          lines.push(`Migration ${last.name} has been reverted successfully.`);
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
      });
      return { exitCode: 0, log: `${lines.join('\n')}\n` };
    } catch (err) {
      lines.push(`Error during migration revert: ${(err as Error).message}`);
      return { exitCode: 1, log: `${lines.join('\n')}\n` };
    }
  };
}
