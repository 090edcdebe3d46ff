/**
 * The one adapter around PostgreSQL: `pg` for SQL, pg_dump/pg_restore as children with argv arrays.
 * The password lives in the connection object, reaches children only through PGPASSWORD, and is scrubbed
 * from every error message.
 */
import { RunbookError } from '@runbook/core';
import type { Client, ClientBase } from 'pg';
import { type DbConnection, dbError, describeConnection } from './_db-connection.ts';
import { type DumpCalls, dumpCalls } from './_db-dumps.ts';
import { copyDatabaseProperties, createLike, quoteIdent } from './_db-properties.ts';

export {
  childArgs,
  childEnv,
  type DbConnection,
  describeConnection,
  redact,
  resolveConnection,
} from './_db-connection.ts';
export { quoteIdent } from './_db-properties.ts';
export type { DumpInfo } from './_dump-info.ts';

/** One row of TypeORM's migrations table. */
export interface MigrationRow {
  id: number;
  timestamp: number;
  name: string;
}

/** What the procedures need from PostgreSQL; tests and benchmarks use the real one. */
export interface DbAdapter extends DumpCalls {
  /** Where we connect, without the password. */
  readonly target: Omit<DbConnection, 'password'>;
  /** `postgres://user@host:port/db`, never with the password. */
  describe(database?: string): string;
  /** Connects to `database` (default the target), runs `fn`, always closes. */
  withClient<T>(fn: (client: ClientBase) => Promise<T>, database?: string): Promise<T>;
  /** Server version and size of `database`; throws the one-line reason when unreachable. */
  ping(database?: string): Promise<{ serverVersion: string; sizeBytes: number }>;
  exists(database: string): Promise<boolean>;
  /** Names of databases starting with `prefix`. */
  databasesLike(prefix: string): Promise<string[]>;
  /** A new empty database with the model's encoding, collation, owner, settings and grants. */
  createLike(name: string, model: string): Promise<{ warnings: string[] }>;
  copyProperties(from: string, to: string): Promise<{ warnings: string[] }>;
  /** Drops it even when sessions are connected (a pg_restore still running after its parent died). */
  dropDatabase(name: string): Promise<void>;
  /** In one transaction: `current` → `keepAs`, `replacement` → `current`, after ending other sessions on both. */
  swap(current: string, replacement: string, keepAs: string): Promise<void>;
  /** Exact row counts of every user table, by `schema.table`. */
  rowCounts(database: string): Promise<Record<string, number>>;
  /** md5 of each table's rows in a stable order, by `schema.table`. */
  checksums(database: string): Promise<Record<string, string>>;
  /** Applied migrations, newest first; `[]` when the table does not exist. */
  listMigrations(database: string, table: string): Promise<MigrationRow[]>;
}

type PgModule = typeof import('pg');
let pgModule: Promise<PgModule> | undefined;
// pg is loaded on first use so `runbook --help` does not pay for it.
const loadPg = () => {
  pgModule ??= import('pg').then((m) => (m as unknown as { default?: PgModule }).default ?? m);
  return pgModule;
};

const USER_TABLES = `SELECT n.nspname AS schema, c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
 ORDER BY 1, 2`;

/** Builds the adapter; nothing connects until a method is called. */
export function createDbAdapter(
  connection: DbConnection,
  options: { maintenanceDb?: string } = {},
): DbAdapter {
  const c = connection;
  const maintenance = options.maintenanceDb ?? 'postgres';
  const { password: _hidden, ...target } = c;

  async function withClient<T>(fn: (client: ClientBase) => Promise<T>, database = c.database): Promise<T> {
    const pg = await loadPg();
    const client: Client = new pg.Client({
      host: c.host,
      port: c.port,
      user: c.user,
      password: c.password,
      database,
      connectionTimeoutMillis: 10_000,
      application_name: 'runbook',
      ssl:
        c.sslmode && c.sslmode !== 'disable'
          ? { rejectUnauthorized: c.sslmode === 'verify-full' }
          : undefined,
    });
    // An idle client that loses its server emits 'error'; without a listener that would crash the process.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => {});
      throw dbError(e, c, database);
    }
    try {
      return await fn(client);
    } catch (e) {
      throw e instanceof RunbookError ? e : dbError(e, c, database);
    } finally {
      await client.end().catch(() => {});
    }
  }

  const onMaintenance = <T>(fn: (client: ClientBase) => Promise<T>) => withClient(fn, maintenance);

  return {
    target,
    describe: (database = c.database) => describeConnection(c, database),
    withClient,
    ping: (database = c.database) =>
      withClient(async (client) => {
        const { rows } = await client.query<{ v: string; size: string }>(
          `SELECT current_setting('server_version') AS v, pg_database_size(current_database())::text AS size`,
        );
        return { serverVersion: rows[0]!.v, sizeBytes: Number(rows[0]!.size) };
      }, database),
    exists: (database) =>
      onMaintenance(
        async (client) =>
          (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1,
      ),
    databasesLike: (prefix) =>
      onMaintenance(async (client) => {
        const { rows } = await client.query<{ datname: string }>(
          `SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1 ORDER BY datname`,
          [prefix],
        );
        return rows.map((r) => r.datname);
      }),
    createLike: (name, model) => onMaintenance((client) => createLike(client, name, model)),
    copyProperties: (from, to) => onMaintenance((client) => copyDatabaseProperties(client, from, to)),
    dropDatabase: (name) =>
      onMaintenance(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      }),
    swap: (current, replacement, keepAs) =>
      onMaintenance((client) => swapNames(client, current, replacement, keepAs)),
    rowCounts: (database) =>
      withClient(async (client) => {
        const tables = (await client.query<{ schema: string; name: string }>(USER_TABLES)).rows;
        if (tables.length === 0) return {};
        const select = tables.map(
          (t, i) => `(SELECT count(*) FROM ${quoteIdent(t.schema)}.${quoteIdent(t.name)})::bigint AS c${i}`,
        );
        const row = (await client.query(`SELECT ${select.join(', ')}`)).rows[0] as Record<string, string>;
        return Object.fromEntries(tables.map((t, i) => [`${t.schema}.${t.name}`, Number(row[`c${i}`])]));
      }, database),
    checksums: (database) =>
      withClient(async (client) => {
        const tables = (await client.query<{ schema: string; name: string }>(USER_TABLES)).rows;
        const out: Record<string, string> = {};
        for (const t of tables) {
          const { rows } = await client.query<{ sum: string }>(
            `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM ${quoteIdent(t.schema)}.${quoteIdent(t.name)} t`,
          );
          out[`${t.schema}.${t.name}`] = rows[0]!.sum;
        }
        return out;
      }, database),
    listMigrations: (database, table) => withClient((client) => readMigrations(client, table), database),
    ...dumpCalls(c),
  };
}

/** `schema.table` or `table`, quoted. */
export function tableRef(table: string): string {
  return table.split('.').map(quoteIdent).join('.');
}

/** The migrations table through an open client (inside a transaction, it shows what would be committed). */
export async function readMigrations(client: ClientBase, table: string): Promise<MigrationRow[]> {
  const found = await client.query<{ oid: string | null }>('SELECT to_regclass($1)::text AS oid', [table]);
  if (!found.rows[0]?.oid) return [];
  const { rows } = await client.query<{ id: number; timestamp: string; name: string }>(
    `SELECT id, "timestamp"::text AS "timestamp", name FROM ${tableRef(table)} ORDER BY "timestamp" DESC, id DESC`,
  );
  return rows.map((r) => ({ id: Number(r.id), timestamp: Number(r.timestamp), name: r.name }));
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
