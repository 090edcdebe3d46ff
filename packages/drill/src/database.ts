/**
 * The `database` drill: on a scratch database of the DATABASE_URL server, a release's bad migration is
 * applied, then reverted by db-rollback in migration-only mode through a Job of the simulated cluster.
 * Only the scratch database it creates is ever written to or dropped.
 */
import { checkSchemaMatch, EXIT, migrationTimestamp, type Runbook, RunbookError, tagOf } from '@runbook/core';
import type { Journal, KubeAdapter, ProcedureDeps } from '@runbook/scripts';
import {
  apiApp,
  createDbAdapter,
  type DbAdapter,
  dbRollback,
  imageTagOf,
  quoteIdent,
  resolveConnection,
} from '@runbook/scripts';
import { revertRunner } from './_revert-migration.ts';
import { BAD_TAG } from './scenarios.ts';

/** The column the bad migration adds, and the table it changes. */
const BAD_TABLE = 'orders';
const BAD_COLUMN = 'discount_cents';

export interface ScratchDatabase {
  /** `runbook_drill_<stamp>`. */
  name: string;
  /** Adapter on the scratch database; its maintenance database is the one DATABASE_URL names. */
  db: DbAdapter;
  /** `postgres://user@host:port/runbook_drill_…`, without the password. */
  describe: string;
  /** Whether this drill created it (and must drop it). */
  readonly created: boolean;
  /** Creates it; fails if a database of that name exists, so no other database is ever reused. */
  create(): Promise<void>;
  /** Drops it, only if this drill created it. */
  drop(): Promise<boolean>;
}

/** The scratch database's name and adapter; nothing connects until `create()`. */
export function scratchDatabase(databaseUrl: string, stamp: string): ScratchDatabase {
  const server = resolveConnection({ url: databaseUrl, env: {} });
  const name = `runbook_drill_${stamp.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`.slice(0, 63);
  const db = createDbAdapter({ ...server, database: name }, { maintenanceDb: server.database });
  let created = false;
  return {
    name,
    db,
    describe: db.describe(),
    get created() {
      return created;
    },
    async create() {
      await db.withClient(async (client) => {
        await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      }, server.database);
      created = true;
    },
    async drop() {
      if (!created) return false;
      await db.dropDatabase(name);
      created = false;
      return true;
    },
  };
}

/** The names of the migrations a version expects, oldest first, from meta.appVersions. */
function migrationsUpTo(runbook: Runbook, version: string): string[] {
  const declared = runbook.meta.appVersions
    .map((v) => ({ name: v.lastMigration, t: migrationTimestamp(v.lastMigration) ?? 0 }))
    .sort((a, b) => a.t - b.t);
  const own = runbook.meta.appVersions.find((v) => v.version === version);
  const limit = own ? (migrationTimestamp(own.lastMigration) ?? 0) : Number.POSITIVE_INFINITY;
  return [...new Set(declared.filter((m) => m.t <= limit).map((m) => m.name))];
}

/** The Job runner for the simulated cluster: reverts the bad migration in the scratch database. */
export function drillJobRunner(runbook: Runbook, scratch: ScratchDatabase, badMigration: string) {
  const api = apiApp(runbook);
  const { table, revertCommand, revertImageTag } = runbook.meta.migrations;
  return revertRunner({
    db: scratch.db,
    table,
    image: `${api.image}:${revertImageTag}`,
    command: revertCommand,
    down: { [badMigration]: [`ALTER TABLE ${quoteIdent(BAD_TABLE)} DROP COLUMN ${quoteIdent(BAD_COLUMN)}`] },
  });
}

/** The bad release's migration: after every declared one, named as TypeORM would. */
export function badMigrationName(runbook: Runbook): string {
  const latest = Math.max(
    0,
    ...runbook.meta.appVersions.map((v) => migrationTimestamp(v.lastMigration) ?? 0),
  );
  const t = Math.ceil((latest + 1) / 1e9) * 1e9;
  return `AddOrderDiscount${t}`;
}

export interface DatabaseDrillOptions {
  runbook: Runbook;
  deps: ProcedureDeps;
  journal: Journal;
  kube: KubeAdapter;
  scratch: ScratchDatabase;
  badMigration: string;
  log: (line: string) => void;
}

async function columnExists(db: DbAdapter): Promise<boolean> {
  return db.withClient(async (client) => {
    const { rowCount } = await client.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`,
      [BAD_TABLE, BAD_COLUMN],
    );
    return rowCount === 1;
  });
}

/** Scratch database, bad migration, db-rollback --revert-migrations 1, verification; returns the revert's duration. */
export async function runDatabaseDrill(o: DatabaseDrillOptions): Promise<{ procedureMs: number }> {
  const { runbook, journal, scratch } = o;
  const table = quoteIdent(runbook.meta.migrations.table);
  const api = apiApp(runbook);
  const running = imageTagOf(await o.kube.getDeployment(api.deployment), api);
  const expected = migrationsUpTo(runbook, running);
  await journal.step(
    'scratch-database',
    { database: scratch.describe, runningVersion: running },
    async () => {
      await scratch.create();
      await scratch.db.withClient(async (client) => {
        await client.query(
          `CREATE TABLE ${table} (id serial PRIMARY KEY, "timestamp" bigint NOT NULL, name varchar NOT NULL);
         CREATE TABLE products (id serial PRIMARY KEY, sku text UNIQUE NOT NULL, price_cents int NOT NULL);
         CREATE TABLE orders (id serial PRIMARY KEY, product_id int NOT NULL REFERENCES products(id), qty int NOT NULL);
         INSERT INTO products (sku, price_cents) SELECT 'SKU-' || g, 1000 + g FROM generate_series(1, 20) g;
         INSERT INTO orders (product_id, qty) SELECT 1 + g % 20, 1 + g % 5 FROM generate_series(1, 40) g;`,
        );
        for (const name of expected) {
          await client.query(`INSERT INTO ${table} ("timestamp", name) VALUES ($1, $2)`, [
            migrationTimestamp(name) ?? 0,
            name,
          ]);
        }
      });
      o.log(`scratch database ${scratch.describe}: schema of ${running} (${expected.length} migrations)`);
      return { migrations: expected };
    },
  );
  await journal.step('break', { release: BAD_TAG, migration: o.badMigration }, async () => {
    await scratch.db.withClient(async (client) => {
      await client.query('BEGIN');
      await client.query(
        `ALTER TABLE ${quoteIdent(BAD_TABLE)} ADD COLUMN ${quoteIdent(BAD_COLUMN)} integer NOT NULL DEFAULT 0`,
      );
      await client.query(`INSERT INTO ${table} ("timestamp", name) VALUES ($1, $2)`, [
        migrationTimestamp(o.badMigration),
        o.badMigration,
      ]);
      await client.query('COMMIT');
    });
    o.log(`  ${BAD_TAG}'s migration ${o.badMigration} applied (${BAD_TABLE}.${BAD_COLUMN} added)`);
    return { migration: o.badMigration, change: `${BAD_TABLE}.${BAD_COLUMN} added` };
  });
  const started = performance.now();
  const report = await dbRollback({ ...o.deps, journal: journal.scoped('migration-rollback') }, scratch.db, {
    revertMigrations: 1,
    snapshotDir: journal.dir,
    waitMs: 60_000,
  });
  const procedureMs = performance.now() - started;
  o.log(`  migration reverted: ${report.migrations.reverted.join(', ') || 'none'}`);
  await journal.step('verify', { expected: expected.at(-1) ?? null }, async () => {
    const applied = await scratch.db.listMigrations(scratch.name, runbook.meta.migrations.table);
    const names = applied.map((m) => m.name);
    const match = checkSchemaMatch(runbook, { imageTag: tagOf(running), appliedMigrations: applied });
    const problems = [
      names.includes(o.badMigration) ? `${o.badMigration} is still in the migrations table` : null,
      (await columnExists(scratch.db)) ? `${BAD_TABLE}.${BAD_COLUMN} is still there` : null,
      names.length !== expected.length
        ? `expected ${expected.length} migrations, found ${names.length}`
        : null,
      match.ok ? null : match.problem,
    ].filter((p): p is string => p !== null);
    if (problems.length > 0) {
      throw new RunbookError('E_VERIFY', `after the revert: ${problems.join('; ')}`, EXIT.verification);
    }
    o.log(
      `  ✓ migrations table back at ${names[0] ?? 'none'}; ${BAD_TABLE}.${BAD_COLUMN} gone; ${match.hint}`,
    );
    return { latest: names[0] ?? null, schemaMatch: match.ok };
  });
  return { procedureMs };
}
