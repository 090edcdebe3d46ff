/**
 * `--sql-file` on the real PostgreSQL of 127.0.0.1:5432: nothing in the file may end the tool's transaction,
 * and a failure that says "rolled back" must leave the database exactly as it was.
 */
import { RunbookError, UsageError } from '@runbook/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbAdapter, type DbAdapter, type MigrationRow } from '../../src/adapters/db.ts';
import { applyRevertSql, prepareRevertSql, rollbackProblem } from '../../src/procedures/sql-file.ts';
import {
  checksums,
  connectionFor,
  createMarketplace,
  dropAll,
  MIGRATIONS,
  sql,
  uniqueDb,
} from './helpers.ts';

const FILE = 'revert.sql';

function refusal(text: string): string {
  try {
    prepareRevertSql(text, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`accepted: ${text}`);
}

describe('prepareRevertSql: what may run inside the tool transaction', () => {
  it('refuses every statement that would end or nest the transaction, naming it and its line', () => {
    const bad: Array<[string, RegExp]> = [
      ['UPDATE products SET price_cents = 0;\nEND;\nSELECT 1/0;\n', /line 2: END\b/],
      ["DELETE FROM migrations WHERE name = 'X';\nEND;\nSELECT 1;\n", /line 2: END\b/],
      ['UPDATE t SET a = 1;\nend transaction;\nSELECT 1;', /line 2: END TRANSACTION/],
      ['UPDATE t SET a = 1; END WORK; UPDATE t SET a = 2;', /line 1: END WORK/],
      ['UPDATE t SET a = 1;\ncommit;\nUPDATE t SET a = 2;', /line 2: COMMIT/],
      ['UPDATE t SET a = 1;\nCOMMIT AND CHAIN;\nUPDATE t SET a = 2;', /line 2: COMMIT would/],
      ['UPDATE t SET a = 1;\nROLLBACK;\nDELETE FROM t;', /line 2: ROLLBACK/],
      ['ROLLBACK;\nDELETE FROM t;', /line 1: ROLLBACK/],
      ['UPDATE t SET a = 1;\nABORT;\nDELETE FROM t;', /line 2: ABORT/],
      ['UPDATE t SET a = 1;\nBEGIN;\nDELETE FROM t;', /line 2: BEGIN/],
      ['UPDATE t SET a = 1;\nSTART TRANSACTION;\nDELETE FROM t;', /line 2: START TRANSACTION/],
      ['SAVEPOINT a;\nDELETE FROM t;\nRELEASE a;', /line 1: SAVEPOINT/],
      ['DELETE FROM t;\nRELEASE SAVEPOINT a;', /line 2: RELEASE SAVEPOINT/],
      ['DELETE FROM t;\nROLLBACK TO SAVEPOINT a;', /line 2: ROLLBACK TO/],
      ["DELETE FROM t;\nPREPARE TRANSACTION 'x';", /line 2: PREPARE TRANSACTION/],
      ["COMMIT PREPARED 'x';", /line 1: COMMIT PREPARED/],
      ["ROLLBACK PREPARED 'x';", /line 1: ROLLBACK PREPARED/],
      ['UPDATE t SET a = 1; /* why */ END; SELECT 1;', /line 1: END\b/],
      ['UPDATE t SET a = 1;\n-- done\nEND\n;\nSELECT 1;', /line 3: END\b/],
      ['UPDATE t SET a = 1;\nROLLBACK;\n', /line 2: ROLLBACK/],
      ['BEGIN ISOLATION LEVEL SERIALIZABLE;\nUPDATE t SET a = 1;\nCOMMIT;', /line 1: BEGIN would/],
      ["SELECT 'abc;\nEND;", /line 1: unterminated quoted string/],
      ['SELECT $x$ abc;\nEND;', /line 1: unterminated dollar-quoted string/],
      ['SELECT 1; /* open\nEND;', /line 1: unterminated comment/],
      ['SELECT "abc;\nEND;', /line 1: unterminated quoted identifier/],
      ['-- only a comment\n;\n', /no SQL statement/],
    ];
    for (const [text, why] of bad) expect(refusal(text), text).toMatch(why);
    expect(refusal('COMMIT;\nEND;')).toMatch(/^--sql-file revert\.sql: line 1: COMMIT/);
  });

  it('keeps END, COMMIT and semicolons that are inside bodies, strings, identifiers and comments', () => {
    const good = [
      `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  UPDATE t SET a = 1;\n  RETURN NEW;\nEND;\n$$;`,
      `CREATE OR REPLACE FUNCTION g() RETURNS int AS $body$ BEGIN COMMIT; END; $body$ LANGUAGE plpgsql;\nSELECT 1;`,
      `CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;`,
      `CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC UPDATE t SET a = 1; END;\nCALL p();`,
      `SELECT CASE WHEN true THEN 1 END;`,
      `INSERT INTO notes VALUES ('COMMIT; END;'), (E'it\\'s; END;'), (U&'d\\0061ta; end;');`,
      `SELECT 1 AS "end;commit"; SELECT 2 AS "say ""END;""";`,
      `/* outer /* COMMIT; */ END; */ SELECT 1;\n-- END;\nSELECT 2; -- COMMIT;`,
      `DO $$ BEGIN PERFORM 1; END $$;`,
      'SELECT a$b$c, $1 FROM t;',
      `UPDATE t SET a = 1`,
    ];
    for (const text of good) expect(() => prepareRevertSql(text, FILE), text).not.toThrow();
    expect(prepareRevertSql(good[2]!, FILE)).toContain('END;');
    expect(prepareRevertSql(good[4]!, FILE)).toContain('END');
  });

  it('drops one outer BEGIN … COMMIT and nothing else', () => {
    const inner = '\nDELETE FROM migrations WHERE id = 4;\n';
    for (const [open, close] of [
      ['BEGIN;', 'COMMIT;'],
      ['begin work;', 'end;'],
      ['-- revert 1.2.4\nSTART TRANSACTION;', 'COMMIT TRANSACTION;\n-- done\n'],
      ['\uFEFFBEGIN;', 'END'],
    ]) {
      const out = prepareRevertSql(`${open}${inner}${close}`, FILE);
      expect(out).toContain('DELETE FROM migrations WHERE id = 4');
      expect(out).not.toMatch(/\b(BEGIN|COMMIT|START|END)\b/i);
    }
  });
});

describe('applyRevertSql: PostgreSQL itself keeps the file inside the transaction', () => {
  let db: DbAdapter;
  let base: string;
  const table = 'migrations';

  beforeAll(async () => {
    base = uniqueDb('sqlfile');
    await createMarketplace(base, 20);
    await sql(
      base,
      `CREATE PROCEDURE commit_now() LANGUAGE plpgsql AS $$ BEGIN UPDATE products SET price_cents = 7; COMMIT; END $$`,
    );
    db = createDbAdapter(connectionFor(base));
  }, 60_000);
  afterAll(async () => {
    await dropAll(base);
  });

  async function rolledBack(text: string, guard?: (rows: MigrationRow[]) => void): Promise<RunbookError> {
    const before = await checksums(base);
    const e = await applyRevertSql(db, base, text, table, guard).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e, text).toBeInstanceOf(RunbookError);
    expect(await checksums(base), text).toEqual(before);
    return e as RunbookError;
  }

  // These bypass prepareRevertSql on purpose: the refusal must not depend on our tokenizer alone.
  it('an END in the middle commits nothing when a later statement fails', async () => {
    const e = await rolledBack('UPDATE products SET price_cents = 0; END; SELECT 1/0;');
    expect(e.message).toMatch(/the SQL file failed and was rolled back: .*transaction command/);
  });

  it('a migration-row delete before END is not committed when the schema guard refuses', async () => {
    const e = await rolledBack(
      `DELETE FROM migrations WHERE name = '${MIGRATIONS[2]!.name}'; END; SELECT 1;`,
      (rows) => {
        if (rows.length < MIGRATIONS.length) throw new RunbookError('E_SCHEMA_MISMATCH', 'guard', 3);
      },
    );
    expect(e.code).not.toBe('E_SQL_FILE_NOT_ROLLED_BACK');
  });

  const cases: Array<[string, RegExp]> = [
    ['ROLLBACK; DELETE FROM payments;', /transaction command/],
    ['DELETE FROM payments; SAVEPOINT s; DELETE FROM orders;', /transaction command/],
    ['DELETE FROM payments; CALL commit_now();', /procedure or DO block .*COMMIT or ROLLBACK/],
    ['DELETE FROM payments; DO $x$ BEGIN COMMIT; END $x$;', /procedure or DO block .*COMMIT or ROLLBACK/],
    ["DELETE FROM payments; PREPARE TRANSACTION 'h3';", /transaction command/],
    // psql's split (and ours) takes a function named begin for a BEGIN … END body and misses this COMMIT.
    [
      "CREATE FUNCTION begin() RETURNS int LANGUAGE sql AS 'SELECT 1'; DELETE FROM payments; COMMIT; SELECT 1/0;",
      /transaction command/,
    ],
    ['DELETE FROM payments; ALTER TABLE products DROP COLUMN nope;', /column "nope" of relation/],
    ['DELETE FROM payments; SELECT 1 INTO scratch;', /SELECT … INTO/],
  ];
  it.each(cases)('changes nothing: %s', async (text, why) => {
    expect((await rolledBack(text)).message).toMatch(why);
  });

  it('the rollback check believes the commit log and the migrations table, not the error', async () => {
    const now = await db.listMigrations(base, table);
    const committed = (await sql<{ x: string }>(base, 'SELECT txid_current()::text AS x'))[0]!.x;
    expect(await rollbackProblem(db, base, table, committed, now)).toBe(
      `PostgreSQL reports transaction ${committed} as committed`,
    );
    const aborted = await db.withClient(async (client) => {
      await client.query('BEGIN');
      const x = (await client.query<{ x: string }>('SELECT txid_current()::text AS x')).rows[0]!.x;
      await client.query('ROLLBACK');
      return x;
    });
    expect(await rollbackProblem(db, base, table, aborted, now)).toBeNull();
    expect(await rollbackProblem(db, base, table, aborted, now.slice(1))).toMatch(
      /migrations table is not as it was \(2 rows before, 3 now\)/,
    );
  });

  it('commits a legitimate file: DDL then DML, a plpgsql body with END; and a BEGIN ATOMIC body', async () => {
    const text = prepareRevertSql(
      `BEGIN;
CREATE TABLE audit (id int, note text);
INSERT INTO audit VALUES (1, 'END; COMMIT;');
ALTER TABLE audit ADD COLUMN at text;
UPDATE audit SET at = 'now';
CREATE FUNCTION audit_count() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT count(*) FROM audit);
END;
$$;
CREATE FUNCTION two() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
DELETE FROM migrations WHERE name = '${MIGRATIONS[2]!.name}';
COMMIT;
`,
      FILE,
    );
    const after = await applyRevertSql(db, base, text, table);
    expect(after.map((m) => m.name)).toEqual([MIGRATIONS[1]!.name, MIGRATIONS[0]!.name]);
    expect(await sql(base, 'SELECT audit_count()::int AS n, two() AS t, min(at) AS at FROM audit')).toEqual([
      { n: 1, t: 2, at: 'now' },
    ]);
  });
});
