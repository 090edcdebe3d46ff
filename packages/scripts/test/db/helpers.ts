/** A marketplace fixture on the real PostgreSQL of 127.0.0.1:5432 (user postgres, trust auth). */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DbConnection, resolveConnection } from '../../src/adapters/db.ts';

export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

export const urlFor = (database: string) => `postgres://${PG.user}@${PG.host}:${PG.port}/${database}`;

export function connectionFor(database: string): DbConnection {
  return resolveConnection({ url: urlFor(database), env: {} });
}

/** `rb_<tag>_<random>`: every database a test makes starts with this, so cleanup finds them all. */
export function uniqueDb(tag: string): string {
  return `rb_${tag}_${randomBytes(4).toString('hex')}`;
}

export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `runbook-db-${tag}-`));
}

export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  database: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ ...PG, database });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Drops every database whose name starts with `base` (the target, its `_restore_` and `_before_rollback_` kin). */
export async function dropAll(base: string): Promise<void> {
  const rows = await sql<{ datname: string }>(
    'postgres',
    'SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1',
    [base],
  );
  for (const { datname } of rows) await sql('postgres', `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

export const MIGRATIONS = [
  { timestamp: 1700000000000, name: 'CreateProducts1700000000000' },
  { timestamp: 1702000000000, name: 'CreateOrders1702000000000' },
  { timestamp: 1704000000000, name: 'AddPaymentStatus1704000000000' },
];
export const NEW_MIGRATION = { timestamp: 1705000000000, name: 'AddMarketplaceNewFeature1705000000000' };

/** products, orders, payments and TypeORM's migrations table, at v1.2.3's schema. */
export async function createMarketplace(database: string, rows = 50): Promise<void> {
  await sql('postgres', `CREATE DATABASE "${database}"`);
  await sql(
    database,
    `CREATE TABLE migrations (id serial PRIMARY KEY, "timestamp" bigint NOT NULL, name varchar NOT NULL);
     CREATE TABLE products (id serial PRIMARY KEY, sku text UNIQUE NOT NULL, name text NOT NULL, price_cents int NOT NULL);
     CREATE TABLE orders (id serial PRIMARY KEY, product_id int NOT NULL REFERENCES products(id), qty int NOT NULL, created_at timestamptz NOT NULL);
     CREATE TABLE payments (id serial PRIMARY KEY, order_id int NOT NULL REFERENCES orders(id), amount_cents int NOT NULL, status text NOT NULL DEFAULT 'captured');
     INSERT INTO products (sku, name, price_cents) SELECT 'SKU-' || g, 'Steel beam ' || g, 1000 + g FROM generate_series(1, ${rows}) g;
     INSERT INTO orders (product_id, qty, created_at) SELECT 1 + (g % ${rows}), 1 + g % 7, timestamptz '2024-01-15 10:00+00' + g * interval '1 minute' FROM generate_series(1, ${rows * 2}) g;
     INSERT INTO payments (order_id, amount_cents) SELECT id, qty * 1000 FROM orders;`,
  );
  for (const m of MIGRATIONS)
    await sql(database, 'INSERT INTO migrations ("timestamp", name) VALUES ($1, $2)', [m.timestamp, m.name]);
}

/** What happened after the backup: new rows, changed rows, and v1.2.4's migration with a new column and table. */
export async function changeMarketplace(database: string): Promise<void> {
  await sql(
    database,
    `INSERT INTO products (sku, name, price_cents) VALUES ('SKU-NEW-1', 'Written after the backup', 4242);
     UPDATE products SET price_cents = price_cents * 2 WHERE id <= 5;
     INSERT INTO orders (product_id, qty, created_at) VALUES (1, 99, now());
     ALTER TABLE products ADD COLUMN new_field text;
     CREATE TABLE marketplace_new_feature (id serial PRIMARY KEY, note text);
     INSERT INTO marketplace_new_feature (note) VALUES ('feature data');`,
  );
  await sql(database, 'INSERT INTO migrations ("timestamp", name) VALUES ($1, $2)', [
    NEW_MIGRATION.timestamp,
    NEW_MIGRATION.name,
  ]);
}

/** md5 of each table's ordered rows, straight from SQL (independent of the adapter under test). */
export async function checksums(database: string): Promise<Record<string, string>> {
  const tables = await sql<{ t: string }>(
    database,
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
  );
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [row] = await sql<{ sum: string }>(
      database,
      `SELECT md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS sum FROM "${t}" x`,
    );
    out[t] = row!.sum;
  }
  return out;
}

export async function databaseExists(name: string): Promise<boolean> {
  return (await sql('postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length === 1;
}
