/**
 * The db adapter's calls on whole databases: reaching one, finding, creating, dropping and swapping them.
 * All but `ping` run on the maintenance database, since a database cannot be created or renamed from inside.
 */
import type { ClientBase } from 'pg';
import type { WithClient } from './_db-client.ts';
import { copyDatabaseProperties, createLike, quoteIdent } from './_db-properties.ts';

/** Runs `fn` on the maintenance database. */
type OnMaintenance = <T>(fn: (client: ClientBase) => Promise<T>) => Promise<T>;

export function databaseCalls(withClient: WithClient, onMaintenance: OnMaintenance) {
  return {
    ping: (database?: string) =>
      withClient(async (client) => {
        const { rows } = await client.query<{ v: string; size: string }>(
          `SELECT current_setting('server_version') AS v, pg_database_size(current_database())::text AS size`,
        );
        return { serverVersion: rows[0]!.v, sizeBytes: Number(rows[0]!.size) };
      }, database),
    exists: (database: string) =>
      onMaintenance(
        async (client) =>
          (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1,
      ),
    databasesLike: (prefix: string) =>
      onMaintenance(async (client) => {
        const { rows } = await client.query<{ datname: string }>(
          `SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1 ORDER BY datname`,
          [prefix],
        );
        return rows.map((r) => r.datname);
      }),
    createLike: (name: string, model: string) => onMaintenance((client) => createLike(client, name, model)),
    copyProperties: (from: string, to: string) =>
      onMaintenance((client) => copyDatabaseProperties(client, from, to)),
    dropDatabase: (name: string) =>
      onMaintenance(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      }),
    swap: (current: string, replacement: string, keepAs: string) =>
      onMaintenance((client) => swapNames(client, current, replacement, keepAs)),
  };
}

async function swapNames(
  client: ClientBase,
  current: string,
  replacement: string,
  keepAs: string,
): Promise<void> {
  // Other sessions block a rename; the API is scaled to 0, so only stragglers (psql, cron) can reconnect
  // between the terminate and the rename. Retry a few times rather than lock everyone out for good.
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '5s'`);
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()',
        [[current, replacement]],
      );
      await client.query(`ALTER DATABASE ${quoteIdent(current)} RENAME TO ${quoteIdent(keepAs)}`);
      await client.query(`ALTER DATABASE ${quoteIdent(replacement)} RENAME TO ${quoteIdent(current)}`);
      await client.query('COMMIT');
      return;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      if ((e as { code?: string }).code !== '55006' || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
