import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../../../test/helpers/errors.ts';
import { childArgs, childEnv, createDbAdapter, redact, resolveConnection } from '../../src/adapters/db.ts';
import {
  restoreAtomically,
  rollbackNames,
  takeSafetySnapshot,
  timestamp,
} from '../../src/procedures/db-restore.ts';
import {
  changeMarketplace,
  checksums,
  connectionFor,
  createMarketplace,
  databaseExists,
  dropAll,
  sql,
  tempDir,
  uniqueDb,
} from './helpers.ts';

describe('connection settings', () => {
  it('takes --database, then DATABASE_URL, then PG*, and redacts the password', () => {
    const env = { DATABASE_URL: 'postgres://app:hunter22@db.example:6432/shop', PGHOST: 'ignored' };
    expect(resolveConnection({ url: 'postgresql://u@h/flagdb', env }).database).toBe('flagdb');
    const fromEnv = resolveConnection({ env });
    expect(fromEnv).toMatchObject({
      host: 'db.example',
      port: 6432,
      user: 'app',
      database: 'shop',
      password: 'hunter22',
      source: 'DATABASE_URL',
    });
    expect(
      resolveConnection({ env: { PGHOST: 'h', PGDATABASE: 'd', PGUSER: 'u', PGPASSWORD: 'pw' } }),
    ).toMatchObject({ host: 'h', database: 'd', user: 'u', password: 'pw', source: 'PG*' });
    expect(redact('postgres://app:hunter22@db.example:6432/shop')).toBe(
      'postgres://app:***@db.example:6432/shop',
    );
    expect(childArgs(fromEnv).join(' ')).not.toContain('hunter22');
    expect(childEnv(fromEnv, { PGPASSWORD: 'stale', DATABASE_URL: 'x' })).toMatchObject({
      PGPASSWORD: 'hunter22',
    });
    expect(childEnv(fromEnv, { DATABASE_URL: 'x' }).DATABASE_URL).toBeUndefined();
  });

  it('rejects a URL that is not postgres, or names no database, naming the flag', () => {
    expect(() => resolveConnection({ url: 'mysql://u:secret99@h/db', env: {} })).toThrow(
      /--database: expected a postgres/,
    );
    expect(() => resolveConnection({ url: 'postgres://u:secret99@h:5432', env: {} })).toThrow(
      /--database: the URL names no database/,
    );
    expect(() => resolveConnection({ url: 'not a url secret99', env: {} })).toThrow(
      /^--database: expected a URL like postgres:\/\/user@host:5432\/dbname$/,
    );
    expect(() => resolveConnection({ env: {} })).toThrow(/no database given/);
  });
});

describe('db adapter against PostgreSQL 127.0.0.1:5432', () => {
  const name = uniqueDb('adapter');
  const dir = tempDir('adapter');
  const db = createDbAdapter(connectionFor(name));
  let backup: string;

  beforeAll(async () => {
    await createMarketplace(name);
    backup = join(dir, 'marketplace_20240115-14.dump');
    await db.dump(name, backup);
  });
  afterAll(() => dropAll(name));

  it('reads a dump: its time, its tables; refuses missing, garbage and plain-SQL files with exit 3', async () => {
    const info = await db.inspectDump(backup);
    expect(info.tables).toEqual(
      expect.arrayContaining(['public.products', 'public.orders', 'public.payments', 'public.migrations']),
    );
    expect(Math.abs(info.createdAt!.getTime() - Date.now())).toBeLessThan(120_000);
    const missing = await failure(db.inspectDump(join(dir, 'nope.dump')));
    expect([missing.code, missing.exitCode]).toEqual(['E_BACKUP_MISSING', 3]);
    writeFileSync(join(dir, 'garbage.dump'), 'not a dump at all\n');
    const garbage = await failure(db.inspectDump(join(dir, 'garbage.dump')));
    expect([garbage.code, garbage.exitCode]).toEqual(['E_BACKUP_INVALID', 3]);
    expect(garbage.message).toMatch(/garbage\.dump is not a readable custom-format dump/);
    execFileSync('pg_dump', ['-h', '127.0.0.1', '-U', 'postgres', '-d', name, '-f', join(dir, 'plain.sql')]);
    expect((await failure(db.inspectDump(join(dir, 'plain.sql')))).message).toMatch(/text format/);
  });

  it('catches a truncated dump that --list accepts, by reading it to the end', async () => {
    const truncated = join(dir, 'truncated.dump');
    const bytes = readFileSync(backup);
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    await expect(db.inspectDump(truncated)).resolves.toBeTruthy();
    const e = await failure(db.readDump(truncated));
    expect(e.code).toBe('E_BACKUP_INVALID');
  });

  it('maps connection failures to one line: unreachable 5, unknown database 3, unknown role 5; never the password', async () => {
    const secret = 'S3cret-pass-xyz';
    const wrongPort = createDbAdapter(
      resolveConnection({ url: `postgres://postgres:${secret}@127.0.0.1:1/${name}`, env: {} }),
    );
    const unreachable = await failure(wrongPort.ping());
    expect([unreachable.code, unreachable.exitCode]).toEqual(['E_DB_UNREACHABLE', 5]);
    expect(unreachable.message).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:1/);
    const unknownDb = createDbAdapter(
      resolveConnection({ url: `postgres://postgres:${secret}@127.0.0.1:5432/${name}_nope`, env: {} }),
    );
    const unknown = await failure(unknownDb.ping());
    expect([unknown.code, unknown.exitCode]).toEqual(['E_DB_UNKNOWN', 3]);
    const snapshotOfUnknown = await failure(unknownDb.dump(`${name}_nope`, join(dir, 'x.dump')));
    expect(snapshotOfUnknown.exitCode).toBe(3);
    const badRole = createDbAdapter(
      resolveConnection({ url: `postgres://no_such_role_rb:${secret}@127.0.0.1:5432/${name}`, env: {} }),
    );
    const role = await failure(badRole.ping());
    expect([role.code, role.exitCode]).toEqual(['E_DB_AUTH', 5]);
    const dumpRole = await failure(badRole.dump(name, join(dir, 'y.dump')));
    expect([dumpRole.code, dumpRole.exitCode]).toEqual(['E_DB_AUTH', 5]);
    for (const e of [unreachable, unknown, snapshotOfUnknown, role, dumpRole]) {
      expect(`${e.message} ${e.hint}`).not.toContain(secret);
      expect(e.message.split('\n')).toHaveLength(1);
    }
  });

  it('gives pg_dump the password through PGPASSWORD only, never in its argv', async () => {
    const secret = 'argv-must-not-show-this';
    const withPassword = createDbAdapter(
      resolveConnection({ url: `postgres://postgres:${secret}@127.0.0.1:5432/${name}`, env: {} }),
    );
    let argv = '';
    let environ = '';
    await withPassword.dump(name, join(dir, 'argv.dump'), {
      onSpawn: (pid) => {
        argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      },
    });
    expect(argv).toContain('pg_dump');
    expect(argv).not.toContain(secret);
    expect(environ).toContain(`PGPASSWORD=${secret}`);
  });

  it('restores into a new database and swaps names; the old one is kept intact', async () => {
    const target = uniqueDb('swap');
    try {
      await createMarketplace(target, 20);
      const stamp = timestamp();
      const snapshot = await takeSafetySnapshot(db, target, dir, stamp);
      // The whole database, readable by its owner only, like the journals.
      expect((statSync(snapshot.path).mode & 0o777).toString(8)).toBe('600');
      await changeMarketplace(target);
      const changed = await checksums(target);
      const result = await restoreAtomically(db, {
        backup: await db.inspectDump(snapshot.path),
        database: target,
        stamp: timestamp(new Date(Date.now() + 1000)),
      });
      expect(result.keptAs).toMatch(new RegExp(`^${target}_before_rollback_\\d{14}$`));
      expect(await checksums(result.keptAs)).toEqual(changed);
      const restored = await sql<{ n: string }>(
        target,
        "SELECT count(*) AS n FROM products WHERE sku = 'SKU-NEW-1'",
      );
      expect(restored[0]!.n).toBe('0');
      expect(await databaseExists(rollbackNames(target, stamp).restore)).toBe(false);
    } finally {
      await dropAll(target);
    }
  });

  it('leaves the live database untouched and drops the half-restored one when pg_restore fails', async () => {
    const target = uniqueDb('fail');
    try {
      await createMarketplace(target, 20);
      const before = await checksums(target);
      const truncated = join(dir, 'truncated2.dump');
      const bytes = readFileSync(backup);
      writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
      const stamp = timestamp();
      const e = await failure(
        restoreAtomically(db, { backup: await db.inspectDump(truncated), database: target, stamp }),
      );
      expect(e.message).toMatch(new RegExp(`restore failed, ${target} is unchanged and in use`));
      expect(await checksums(target)).toEqual(before);
      expect(await databaseExists(rollbackNames(target, stamp).restore)).toBe(false);
      expect(await databaseExists(rollbackNames(target, stamp).keep)).toBe(false);
    } finally {
      await dropAll(target);
    }
  });

  it('carries database settings and grants over to the restored database', async () => {
    const target = uniqueDb('props');
    try {
      await createMarketplace(target, 5);
      await sql('postgres', `ALTER DATABASE "${target}" SET statement_timeout = '42s'`);
      await sql('postgres', `REVOKE CONNECT ON DATABASE "${target}" FROM PUBLIC`);
      const dumpFile = join(dir, 'props.dump');
      await db.dump(target, dumpFile);
      const r = await restoreAtomically(db, {
        backup: await db.inspectDump(dumpFile),
        database: target,
        stamp: timestamp(),
      });
      expect(r.warnings).toEqual([]);
      const [row] = await sql<{ cfg: string[]; acl: string }>(
        'postgres',
        `SELECT s.setconfig AS cfg, d.datacl::text AS acl FROM pg_database d LEFT JOIN pg_db_role_setting s ON s.setdatabase = d.oid AND s.setrole = 0 WHERE d.datname = $1`,
        [target],
      );
      expect(row!.cfg).toEqual(['statement_timeout=42s']);
      // PUBLIC keeps TEMP but lost CONNECT, as on the original.
      expect(row!.acl.replace(/[{}]/g, '').split(',').sort()).toEqual([
        '=T/postgres',
        'postgres=CTc/postgres',
      ]);
    } finally {
      await dropAll(target);
    }
  });
});
