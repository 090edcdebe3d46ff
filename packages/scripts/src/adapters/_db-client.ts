/** The db adapter's one way to reach PostgreSQL: a `pg` client per call, always closed, errors scrubbed. */
import { RunbookError } from '@runbook/core';
import type { Client, ClientBase } from 'pg';
import { type DbConnection, dbError } from './_db-connection.ts';

/** Connects to `database` (default the target), runs `fn`, always closes. */
export type WithClient = <T>(fn: (client: ClientBase) => Promise<T>, database?: string) => Promise<T>;

type PgModule = typeof import('pg');
let pgModule: Promise<PgModule> | undefined;
// pg is loaded on first use so `runbook --help` does not pay for it.
const loadPg = () => {
  pgModule ??= import('pg').then((m) => (m as unknown as { default?: PgModule }).default ?? m);
  return pgModule;
};

export function clientOpener(c: DbConnection): WithClient {
  return async function withClient<T>(
    fn: (client: ClientBase) => Promise<T>,
    database = c.database,
  ): Promise<T> {
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
  };
}
