/**
 * The one adapter around PostgreSQL: `pg` for SQL, pg_dump/pg_restore as children with argv arrays.
 * The password lives in the connection object, reaches children only through PGPASSWORD, and is scrubbed
 * from every error message.
 */
import type { ClientBase } from 'pg';
import { clientOpener } from './_db-client.ts';
import { type DbConnection, describeConnection } from './_db-connection.ts';
import { contentCalls } from './_db-contents.ts';
import { databaseCalls } from './_db-databases.ts';
import { type DumpCalls, dumpCalls } from './_db-dumps.ts';
import { quoteIdent } from './_db-properties.ts';

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

/** Builds the adapter; nothing connects until a method is called. */
export function createDbAdapter(
  connection: DbConnection,
  options: { maintenanceDb?: string } = {},
): DbAdapter {
  const c = connection;
  const maintenance = options.maintenanceDb ?? 'postgres';
  const { password: _hidden, ...target } = c;
  const withClient = clientOpener(c);
  const onMaintenance = <T>(fn: (client: ClientBase) => Promise<T>) => withClient(fn, maintenance);

  return {
    target,
    describe: (database = c.database) => describeConnection(c, database),
    withClient,
    ...databaseCalls(withClient, onMaintenance),
    ...contentCalls(withClient),
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
