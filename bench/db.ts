/**
 * db-rollback's restore path (safety snapshot + restore into a new database + name swap) against the plan's
 * `pg_restore --clean --if-exists` straight over the live database, on the same ~100 MB dump in the same run.
 * The fixture dump is generated once with generate_series and cached under os.tmpdir().
 * Run alone: `node --import tsx bench/db.ts` (PostgreSQL on 127.0.0.1:5432, user postgres, trust auth).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDbAdapter, type DbAdapter, resolveConnection } from '../packages/scripts/src/adapters/db.ts';
import {
  restoreAtomically,
  takeSafetySnapshot,
  timestamp,
} from '../packages/scripts/src/procedures/db-restore.ts';
import type { BenchRow } from './types.ts';

const URL_BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const CACHE = join(tmpdir(), 'runbook-bench-db');
// Bump the version when the generator changes, so a stale cache is not reused.
const FIXTURE = join(CACHE, 'fixture-v1-2m.dump');
const ROWS = 2_000_000;

const adapterFor = (database: string): DbAdapter =>
  createDbAdapter(resolveConnection({ url: `${URL_BASE}/${database}`, env: {} }));

function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${bin} ${args.join(' ')}: ${err.trim() || code}`)),
    );
  });
}

const connArgs = () => {
  const u = new URL(URL_BASE);
  return ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username) || 'postgres'];
};

async function sql(db: DbAdapter, database: string, text: string): Promise<void> {
  await db.withClient(async (c) => {
    await c.query(text);
  }, database);
}

/** ~2 M rows of orders-like events, ~100 MB as a custom-format dump (md5 payloads barely compress). */
async function fixture(admin: DbAdapter): Promise<string> {
  if (existsSync(FIXTURE)) return FIXTURE;
  mkdirSync(CACHE, { recursive: true });
  const src = `rb_bench_src_${process.pid}`;
  await sql(admin, 'postgres', `CREATE DATABASE ${src}`);
  try {
    await sql(
      admin,
      src,
      `CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL);
       INSERT INTO accounts SELECT g, 'account ' || g FROM generate_series(1, 5000) g;
       CREATE TABLE events (id bigint PRIMARY KEY, account int NOT NULL REFERENCES accounts(id), kind text NOT NULL,
         payload text NOT NULL, amount numeric(12,2) NOT NULL, at timestamptz NOT NULL);
       INSERT INTO events SELECT g, 1 + g % 5000, (ARRAY['order','payment','refund','view'])[1 + g % 4],
         md5(g::text) || md5((g * 7)::text), (g % 100000) / 100.0, timestamptz '2024-01-01' + g * interval '1 second'
         FROM generate_series(1, ${ROWS}) g;
       CREATE INDEX events_account ON events(account);
       CREATE TABLE migrations (id serial PRIMARY KEY, "timestamp" bigint NOT NULL, name varchar NOT NULL);
       INSERT INTO migrations ("timestamp", name) VALUES (1700000000000, 'Init1700000000000');`,
    );
    await run('pg_dump', [...connArgs(), '-d', src, '-Fc', '-f', `${FIXTURE}.partial`]);
    await run('mv', [`${FIXTURE}.partial`, FIXTURE]);
  } finally {
    await admin.dropDatabase(src);
  }
  return FIXTURE;
}

async function loaded(admin: DbAdapter, name: string, dump: string): Promise<void> {
  await sql(admin, 'postgres', `CREATE DATABASE ${name}`);
  await run('pg_restore', [...connArgs(), '-d', name, '--no-owner', '--exit-on-error', dump]);
}

const since = (t: number) => performance.now() - t;

export async function benchDb(): Promise<BenchRow[]> {
  const admin = adapterFor('postgres');
  const dump = await fixture(admin);
  const tag = `rb_bench_${process.pid}`;
  const plainDb = `${tag}_plain`;
  const safeDb = `${tag}_safe`;
  const snapDir = join(CACHE, `snap-${process.pid}`);
  try {
    await Promise.all([loaded(admin, plainDb, dump), loaded(admin, safeDb, dump)]);

    // The plan: pg_restore --clean --if-exists over the live database, no copy, no way back.
    let t = performance.now();
    await run('pg_restore', [...connArgs(), '-d', plainDb, '--clean', '--if-exists', '--no-owner', dump]);
    const plainMs = since(t);

    // Ours: verified snapshot, restore into a new database, check, swap names.
    const db = adapterFor(safeDb);
    const stamp = timestamp();
    const marks: Record<string, number> = {};
    t = performance.now();
    const snap = await takeSafetySnapshot(db, safeDb, snapDir, stamp);
    const snapshotMs = since(t);
    const info = await db.inspectDump(dump);
    const r = await restoreAtomically(db, {
      backup: info,
      database: safeDb,
      stamp,
      onEvent: (event) => {
        marks[event] = performance.now();
      },
    });
    const safeMs = since(t);
    const swapMs = marks.swapped! - marks.swapping!;
    const restoreMs = marks.swapping! - t - snapshotMs;
    await admin.dropDatabase(r.keptAs);
    const base = 'pg_restore --clean --if-exists (the plan)';
    return [
      {
        name: `db-rollback restore path, ${(statSync(dump).size / 1e6).toFixed(0)} MB dump (snapshot + new DB + swap)`,
        value: Math.round(safeMs),
        unit: 'ms',
        baseline: Math.round(plainMs),
        baselineName: base,
      },
      {
        name: 'safety steps overhead (ours / plan)',
        value: Number((safeMs / plainMs).toFixed(2)),
        unit: 'x',
        baseline: 1,
        baselineName: base,
      },
      {
        name: `safety snapshot (pg_dump -Fc -Z1 + verify, ${(snap.bytes / 1e6).toFixed(0)} MB)`,
        value: Math.round(snapshotMs),
        unit: 'ms',
        baseline: Math.round(plainMs),
        baselineName: base,
      },
      {
        name: 'restore into a new database + table check',
        value: Math.round(restoreMs),
        unit: 'ms',
        baseline: Math.round(plainMs),
        baselineName: base,
      },
      // What the live database is unavailable for beyond the API being stopped: the swap itself.
      {
        name: 'name swap (terminate + 2 renames, one transaction)',
        value: Number(swapMs.toFixed(1)),
        unit: 'ms',
        baseline: Math.round(plainMs),
        baselineName: base,
      },
    ];
  } finally {
    rmSync(snapDir, { recursive: true, force: true });
    const { rows } = await admin.withClient((c) =>
      c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${tag}%`]),
    );
    for (const { datname } of rows) await admin.dropDatabase(datname);
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const t = performance.now();
  const results = await benchDb();
  for (const r of results)
    console.log(
      `${r.name}: ${r.value} ${r.unit} (baseline ${r.baselineName}: ${r.baseline}${r.unit === 'x' ? 'x' : ' ms'})`,
    );
  console.log(`bench time ${(since(t) / 1000).toFixed(1)} s`);
}
