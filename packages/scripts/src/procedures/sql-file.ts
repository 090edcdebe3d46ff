/**
 * `db-rollback --sql-file`: the reverse SQL runs in one transaction the tool owns, and nothing in the file can
 * end that transaction early.
 *
 * - prepareRevertSql splits the file as psql would and refuses, before anything is stopped, every statement
 *   that ends or nests a transaction; one outer BEGIN … COMMIT is dropped.
 * - applyRevertSql does not rely on that split. The file goes to PostgreSQL as a bind parameter and runs
 *   through a DO block's EXECUTE inside our BEGIN, where PostgreSQL itself refuses every transaction command
 *   ("EXECUTE of transaction commands is not implemented") and any COMMIT or ROLLBACK in a procedure or DO
 *   block the file calls ("invalid transaction termination"). Sending the statements one by one would not do
 *   that: a COMMIT the splitter missed would commit, and the transaction status would only show it afterwards.
 *   The price: `SELECT … INTO` and `COPY … FROM STDIN` are refused (CREATE TABLE AS and COPY FROM a file work).
 * - After a failure the rollback is checked, not assumed: PostgreSQL's commit log must report the transaction
 *   aborted and the migrations table must be as it was.
 */
import { EXIT, RunbookError, UsageError } from '@runbook/core';
import type { ClientBase } from 'pg';
import type { DbAdapter, MigrationRow } from '../adapters/db.ts';
import { readMigrations } from '../adapters/db.ts';
import { type SqlStatement, splitSql } from './_sql-script.ts';

/** The error code of a failure whose rollback PostgreSQL did not confirm: the database may have changed. */
export const SQL_FILE_NOT_ROLLED_BACK = 'E_SQL_FILE_NOT_ROLLED_BACK';

const TRANSACTION_WORDS = new Set([
  'BEGIN',
  'START',
  'COMMIT',
  'END',
  'ROLLBACK',
  'ABORT',
  'SAVEPOINT',
  'RELEASE',
]);

const isTransactionControl = ([first, second]: string[]) =>
  TRANSACTION_WORDS.has(first ?? '') || (first === 'PREPARE' && second === 'TRANSACTION');

/** `BEGIN`, `BEGIN WORK`, `START TRANSACTION` and nothing more. */
const isPlainBegin = (s: SqlStatement) =>
  s.words.length === s.tokens &&
  ((s.words[0] === 'BEGIN' && s.tokens <= 2 && ['WORK', 'TRANSACTION', undefined].includes(s.words[1])) ||
    (s.words.join(' ') === 'START TRANSACTION' && s.tokens === 2));

/** `COMMIT` or `END`, optionally with WORK or TRANSACTION. */
const isPlainCommit = (s: SqlStatement) =>
  s.words.length === s.tokens &&
  s.tokens <= 2 &&
  ['COMMIT', 'END'].includes(s.words[0] ?? '') &&
  ['WORK', 'TRANSACTION', undefined].includes(s.words[1]);

/** `COMMIT PREPARED`, `ROLLBACK TO`, `END`: the words that name the command, not its options. */
const commandName = ([first, second]: string[]) =>
  ['TRANSACTION', 'WORK', 'PREPARED', 'TO', 'SAVEPOINT'].includes(second ?? '')
    ? `${first} ${second}`
    : first;

/** The SQL of `--sql-file` ready to run in our transaction, or a UsageError naming the line at fault. */
export function prepareRevertSql(text: string, file: string): string {
  const split = splitSql(text.replace(/^\uFEFF/, ''));
  if (!split.ok) throw new UsageError(`--sql-file ${file}: line ${split.line}: ${split.problem}`);
  const statements = [...split.statements];
  if (statements[0] && isPlainBegin(statements[0])) statements.shift();
  const last = statements.at(-1);
  if (last && isPlainCommit(last)) statements.pop();
  const control = statements.find((s) => isTransactionControl(s.words));
  if (control) {
    throw new UsageError(
      `--sql-file ${file}: line ${control.line}: ${commandName(control.words)} would end or nest the transaction the file runs in`,
      'remove it: the tool runs the whole file in one transaction (one outer BEGIN … COMMIT is allowed)',
    );
  }
  if (statements.length === 0) throw new UsageError(`--sql-file ${file}: no SQL statement in the file`);
  return `${statements.map((s) => s.text).join(';')};`;
}

// The file is a setting of our transaction, read back by EXECUTE: no quoting of it anywhere.
const RUN_FILE = `DO $runbook$ BEGIN EXECUTE current_setting('runbook.sql_file'); END $runbook$`;

type Outcome = { after: MigrationRow[] } | { error: unknown; xid: string; before: MigrationRow[] };

/**
 * Runs the SQL in one transaction; `guard` sees the migrations as they would be committed and may throw to
 * roll everything back (the schema-match check).
 */
export async function applyRevertSql(
  db: DbAdapter,
  database: string,
  sql: string,
  table: string,
  guard?: (after: MigrationRow[]) => void,
): Promise<MigrationRow[]> {
  const outcome = await db.withClient(async (client: ClientBase): Promise<Outcome> => {
    await client.query('BEGIN');
    // Assigned up front, so the commit log can say afterwards what became of it.
    const xid = (await client.query<{ xid: string }>('SELECT txid_current()::text AS xid')).rows[0]!.xid;
    const before = await readMigrations(client, table);
    try {
      await client.query(`SET LOCAL lock_timeout = '10s'`);
      await client.query(`SELECT set_config('runbook.sql_file', $1, true)`, [sql]);
      await client.query(RUN_FILE);
      const after = await readMigrations(client, table);
      guard?.(after);
      await client.query('COMMIT');
      return { after };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      return { error, xid, before };
    }
  }, database);
  if ('after' in outcome) return outcome.after;
  const problem = await rollbackProblem(db, database, table, outcome.xid, outcome.before);
  if (problem) {
    throw new RunbookError(
      SQL_FILE_NOT_ROLLED_BACK,
      `the SQL file failed (${explain(outcome.error)}) and its rollback is not confirmed: ${problem}`,
      EXIT.verification,
      'compare the database with the safety snapshot before restarting the API',
    );
  }
  if (outcome.error instanceof RunbookError) throw outcome.error;
  throw new RunbookError(
    'E_SQL_FILE',
    `the SQL file failed and was rolled back: ${explain(outcome.error)}`,
    EXIT.verification,
    'PostgreSQL reports its transaction aborted and the migrations table is as before; fix the SQL and run again',
  );
}

/** Why the rollback of transaction `xid` cannot be trusted, or null when PostgreSQL confirms it. */
export async function rollbackProblem(
  db: DbAdapter,
  database: string,
  table: string,
  xid: string,
  before: MigrationRow[],
): Promise<string | null> {
  try {
    const { status, now } = await db.withClient(
      async (client) => ({
        status: (await client.query<{ s: string | null }>('SELECT txid_status($1::bigint) AS s', [xid]))
          .rows[0]?.s,
        now: await readMigrations(client, table),
      }),
      database,
    );
    const same =
      now.length === before.length &&
      now.every((m, i) => m.id === before[i]!.id && m.name === before[i]!.name);
    if (status !== 'aborted') return `PostgreSQL reports transaction ${xid} as ${status ?? 'unknown'}`;
    if (!same)
      return `the migrations table is not as it was (${before.length} rows before, ${now.length} now)`;
    return null;
  } catch (e) {
    return `it could not be checked (${(e as Error).message})`;
  }
}

function explain(e: unknown): string {
  const err = e as { message?: string; code?: string };
  const message = err.message ?? String(e);
  if (e instanceof RunbookError) return message;
  if (/EXECUTE of transaction commands/.test(message))
    return "it holds a transaction command (COMMIT, END, ROLLBACK, BEGIN, SAVEPOINT…), which PostgreSQL refused inside the tool's transaction";
  if (err.code === '2D000') return `a procedure or DO block in it tried to COMMIT or ROLLBACK (${message})`;
  if (/EXECUTE of SELECT \.\.\. INTO/.test(message))
    return 'SELECT … INTO is not supported here; use CREATE TABLE … AS';
  if (/COPY to\/from client/.test(message)) return 'COPY from STDIN or to STDOUT is not supported here';
  return message;
}
