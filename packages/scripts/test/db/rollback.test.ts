/**
 * db-rollback end to end: the built CLI as a subprocess, the simulated cluster (API at 5 replicas), and the
 * real PostgreSQL of 127.0.0.1:5432. Each test makes its own databases and drops them all.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../../../../test/helpers/cli.ts';
import { checksums, databaseExists, dropAll, MIGRATIONS, NEW_MIGRATION, PG, sql } from './helpers.ts';
import { type DbSim, makeScenario, startDbSim } from './sim.ts';

let sim: DbSim;
const created: string[] = [];

beforeAll(async () => {
  sim = await startDbSim();
}, 60_000);
afterAll(async () => {
  await sim?.stop();
  for (const base of created) await dropAll(base);
});

const scenario = (tag: string, rows?: number) => makeScenario(sim, created, tag, rows);

function journalOf(incidents: string): string {
  const [id] = readdirSync(incidents);
  return readFileSync(join(incidents, id!, 'journal.jsonl'), 'utf8');
}

function oneLineError(r: CliResult): string {
  const lines = r.stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('error:'));
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('runbook db-rollback --backup', () => {
  it('refuses (exit 3, nothing changed) when the running image expects a migration the backup lacks; --force goes on', async () => {
    await sim.reset('v1.2.4');
    const s = await scenario('force');
    const refused = await s.run(['--backup', '20240115-14']);
    expect(refused.code).toBe(3);
    expect(oneLineError(refused)).toMatch(
      /app and schema do not match: v1\.2\.4 expects migration AddMarketplaceNewFeature1705000000000, which the database does not have/,
    );
    expect(await sim.replicas()).toBe(5);
    expect(await checksums(s.db)).toEqual(s.changed);
    expect(existsSync(join(s.dir, 'snapshots'))).toBe(false);

    const forced = await s.run(['--backup', '20240115-14', '--force', '--json']);
    expect(forced.stderr).toContain('forced through a schema mismatch');
    expect(forced.code).toBe(0);
    expect(await checksums(s.db)).toEqual(s.original);
  });

  it('brings back the exact rows of the dump, keeps every later write in the snapshot, restores 5 replicas, never shows the password', async () => {
    await sim.reset('v1.2.3');
    const s = await scenario('full');
    const secret = 'Sup3r-Secret-pw';
    const url = `postgres://${PG.user}:${secret}@${PG.host}:${PG.port}/${s.db}`;
    const r = await s.run(['--backup', '20240115-14', '--json'], url);
    expect(r.stderr).toContain('will exist only in the safety snapshot');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // The dump's rows, exactly.
    expect(await checksums(s.db)).toEqual(s.original);
    // The old database is kept, untouched.
    expect(report.keptAs).toMatch(new RegExp(`^${s.db}_before_rollback_\\d{14}$`));
    expect(await checksums(report.keptAs)).toEqual(s.changed);
    // The snapshot holds the writes made after the backup: restore it into a scratch database and look.
    const scratch = `${s.db}_scratch`;
    await sql('postgres', `CREATE DATABASE "${scratch}"`);
    const { execFileSync } = await import('node:child_process');
    execFileSync('pg_restore', [
      '-h',
      PG.host,
      '-U',
      PG.user,
      '-d',
      scratch,
      '--no-owner',
      '--exit-on-error',
      report.snapshot.path,
    ]);
    expect(await checksums(scratch)).toEqual(s.changed);
    expect(await sql(scratch, "SELECT price_cents FROM products WHERE sku = 'SKU-NEW-1'")).toEqual([
      { price_cents: 4242 },
    ]);
    // Replicas recorded (5, not the plan's 3) and restored.
    expect(report.replicas).toEqual({ recorded: 5, restored: 5 });
    expect(await sim.replicas()).toBe(5);
    expect(report.rowCounts.before['public.products']).toBe(51);
    expect(report.rowCounts.after['public.products']).toBe(50);
    expect(report.migrations.after).toEqual(MIGRATIONS.map((m) => m.name).reverse());
    expect(report.dataLossSince).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // No temporary database left behind.
    expect(
      await sql('postgres', 'SELECT datname FROM pg_database WHERE datname LIKE $1', [`${s.db}_restore_%`]),
    ).toEqual([]);
    const journal = journalOf(s.incidents);
    for (const text of [r.stdout, r.stderr, journal]) expect(text).not.toContain(secret);
    expect(journal).toContain('"step":"safety-snapshot","outcome":"ok"');
    expect(journal).toContain(report.snapshot.path);
  });

  it('--dry-run prints every step with its manual equivalent and changes nothing', async () => {
    await sim.reset('v1.2.3');
    const s = await scenario('dry');
    // Reverting one more migration than the backup's would leave v1.2.3 without its own: refused, unless forced.
    const refused = await s.run(['--backup', '20240115-14', '--revert-migrations', '1', '--dry-run']);
    expect(refused.code).toBe(3);
    expect(oneLineError(refused)).toMatch(/v1\.2\.3 expects migration AddPaymentStatus1704000000000/);
    const r = await s.run(['--backup', '20240115-14', '--revert-migrations', '1', '--dry-run', '--force']);
    expect(r.code).toBe(0);
    for (const step of [
      'preflight',
      'stop-writers',
      'safety-snapshot',
      'restore',
      'migrations',
      'restart',
      'report',
    ])
      expect(r.stdout).toContain(`• ${step}:`);
    expect(r.stdout).toMatch(
      /manual: kubectl scale deployment marketplace-api --replicas=0 -n topsteel-marketplace/,
    );
    expect(r.stdout).toMatch(/manual: kubectl scale deployment marketplace-api --replicas=5 /);
    expect(r.stdout).toMatch(
      /manual: pg_dump -h 127\.0\.0\.1 -p 5432 -U postgres -d rb_dry_\w+ -Fc -Z 1 -f /,
    );
    expect(r.stdout).toMatch(
      /manual: kubectl create job migration-revert-\d+-N --image=ghcr\.io\/topsteel\/marketplace-api:stable/,
    );
    expect(r.stdout).toMatch(/data-loss window: writes after \S+ will exist only in the safety snapshot/);
    expect(await checksums(s.db)).toEqual(s.changed);
    expect(await sim.replicas()).toBe(5);
    expect(existsSync(s.incidents)).toBe(false);
  });

  it('bad input: one clear line, exit 3 or 5, nothing changed', async () => {
    await sim.reset('v1.2.3');
    const s = await scenario('bad');
    writeFileSync(join(s.backups, 'marketplace_20240115-15.dump'), 'garbage, not a dump');
    const cases: Array<[string[], string | undefined, number, RegExp]> = [
      [['--backup', '20240115-16'], undefined, 3, /backup file not found: .*marketplace_20240115-16\.dump/],
      [
        ['--backup', '20240115-15'],
        undefined,
        3,
        /marketplace_20240115-15\.dump is not a readable custom-format dump/,
      ],
      [
        ['--backup', '20240115-14'],
        `postgres://postgres:pw@127.0.0.1:1/${s.db}`,
        5,
        /cannot reach PostgreSQL at 127\.0\.0\.1:1/,
      ],
      [
        ['--backup', '20240115-14'],
        `postgres://postgres@127.0.0.1:5432/${s.db}_missing`,
        3,
        /database "rb_bad_\w+_missing" does not exist/,
      ],
      [
        ['--backup', '20240115-14'],
        `postgres://no_such_role:pw@127.0.0.1:5432/${s.db}`,
        5,
        /refused login as "no_such_role"/,
      ],
      [['--backup', '20241399-99'], undefined, 2, /--backup: "20241399-99" is not a real date/],
      [['--revert-migrations', 'x'], undefined, 2, /--revert-migrations: expected a positive integer/],
      [
        ['--revert-migrations', '9'],
        undefined,
        3,
        /--revert-migrations 9: the database has only 4 migration/,
      ],
    ];
    for (const [args, url, code, message] of cases) {
      const r = await s.run(args, url);
      expect({ args, code: r.code }).toEqual({ args, code });
      expect(oneLineError(r)).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+|internal error/);
    }
    expect(await checksums(s.db)).toEqual(s.changed);
    expect(await sim.replicas()).toBe(5);
    expect(existsSync(join(s.dir, 'snapshots'))).toBe(false);
    expect(await databaseExists(`${s.db}_missing`)).toBe(false);
  });
});

describe('runbook db-rollback, migrations only', () => {
  it('--revert-migrations 1 runs the revert command as a Job with the stable image, and checks the table after', async () => {
    await sim.reset('v1.2.3');
    const s = await scenario('revert');
    const jobsBefore = sim.jobs.length;
    const r = await s.run(['--revert-migrations', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.migrations.reverted).toEqual([NEW_MIGRATION.name]);
    expect(report.migrations.after).toEqual(MIGRATIONS.map((m) => m.name).reverse());
    const jobs = sim.jobs.slice(jobsBefore);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      image: 'ghcr.io/topsteel/marketplace-api:stable',
      command: ['npm', 'run', 'migration:revert'],
      backoffLimit: 0,
      exitCode: 0,
    });
    const columns = await sql(
      s.db,
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'products' AND column_name = 'new_field'",
    );
    expect(columns).toEqual([]);
    expect(await sim.replicas()).toBe(5);
    expect(report.snapshot.path).toMatch(/_safety_\d{14}\.dump$/);
  });

  it('--sql-file applies in one transaction; a failing file changes nothing and the API comes back', async () => {
    await sim.reset('v1.2.3');
    const s = await scenario('sqlfile');
    const bad = join(s.dir, 'bad.sql');
    writeFileSync(
      bad,
      `BEGIN;\nDROP TABLE marketplace_new_feature;\nALTER TABLE products DROP COLUMN no_such_column;\nCOMMIT;\n`,
    );
    const failed = await s.run(['--sql-file', bad]);
    expect(failed.code).toBe(4);
    expect(oneLineError(failed)).toMatch(
      /the SQL file failed and was rolled back: column "no_such_column" of relation "products" does not exist/,
    );
    expect(await checksums(s.db)).toEqual(s.changed);
    expect(await sim.replicas()).toBe(5);

    const good = join(s.dir, 'revert.sql');
    writeFileSync(
      good,
      `BEGIN;\nDROP TABLE IF EXISTS marketplace_new_feature;\nALTER TABLE products DROP COLUMN new_field;\nDELETE FROM migrations WHERE name = '${NEW_MIGRATION.name}';\nCOMMIT;\n`,
    );
    const ok = await s.run(['--sql-file', good, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).migrations.reverted).toEqual([NEW_MIGRATION.name]);
    expect(await sql(s.db, "SELECT to_regclass('marketplace_new_feature') AS t")).toEqual([{ t: null }]);
  });

  it('--sql-file with an END in the middle is refused before anything stops (exit 2), with the API left running', async () => {
    await sim.reset('v1.2.3');
    const s = await scenario('sqlend');
    const files = {
      'end-then-fail.sql': 'UPDATE products SET price_cents = 0;\nEND;\nSELECT 1/0;\n',
      'delete-then-end.sql': `DELETE FROM migrations WHERE name = 'AddPaymentStatus1704000000000';\nEND;\nSELECT 1;\n`,
    };
    for (const [name, text] of Object.entries(files)) {
      const file = join(s.dir, name);
      writeFileSync(file, text);
      const r = await s.run(['--sql-file', file]);
      expect(r.code, r.stderr).toBe(2);
      expect(oneLineError(r)).toMatch(/line 2: END would end or nest the transaction/);
      expect(await checksums(s.db)).toEqual(s.changed);
      expect(await sim.replicas()).toBe(5);
    }
  });

  it('--sql-file that leaves the running image without its migration is rolled back (exit 3) unless --force', async () => {
    await sim.reset('v1.2.3');
    const s = await scenario('sqlmatch');
    const file = join(s.dir, 'too-far.sql');
    writeFileSync(
      file,
      `DELETE FROM migrations WHERE name IN ('${NEW_MIGRATION.name}', 'AddPaymentStatus1704000000000');\n`,
    );
    const refused = await s.run(['--sql-file', file]);
    expect(refused.code).toBe(3);
    expect(oneLineError(refused)).toMatch(/v1\.2\.3 expects migration AddPaymentStatus1704000000000/);
    expect(await checksums(s.db)).toEqual(s.changed);
    expect(await sim.replicas()).toBe(5);
    const forced = await s.run(['--sql-file', file, '--force']);
    expect(forced.code).toBe(0);
    expect((await sql(s.db, 'SELECT count(*)::int AS n FROM migrations'))[0]).toEqual({ n: 2 });
  });
});
