/** Where the database is, from `--database`, `DATABASE_URL` or the `PG*` variables; and how to say it without the password. */
import { userInfo } from 'node:os';
import { EXIT, RunbookError, UsageError } from '@runbook/core';

/** A PostgreSQL target. `password` never leaves this process except through a child's `PGPASSWORD`. */
export interface DbConnection {
  host: string;
  port: number;
  user: string;
  database: string;
  password?: string;
  /** libpq `sslmode`, when the URL asked for one. */
  sslmode?: string;
  /** Where the settings came from, for messages. */
  source: 'flag' | 'DATABASE_URL' | 'PG*' | 'runbook';
}

/** A connection URL with its password replaced by `***`; anything unparsable is returned fully masked after the scheme. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    // Not a URL we understand: hide everything between "://" and "@", the only place a password can be.
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** `postgres://user@host:port/db`, with no password, for messages and the journal. */
export function describeConnection(
  c: Pick<DbConnection, 'host' | 'port' | 'user' | 'database'>,
  database = c.database,
): string {
  const host = c.host.includes(':') ? `[${c.host}]` : c.host;
  return `postgres://${encodeURIComponent(c.user)}@${host}:${c.port}/${encodeURIComponent(database)}`;
}

export function parseDatabaseUrl(url: string, source: DbConnection['source']): DbConnection {
  const what = source === 'flag' ? '--database' : source;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not echoed: an unparsable value may still hold a password.
    throw new UsageError(`${what}: expected a URL like postgres://user@host:5432/dbname`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new UsageError(`${what}: expected a postgres:// or postgresql:// URL, got "${u.protocol}//…"`);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database)
    throw new UsageError(`${what}: the URL names no database (expected postgres://user@host:5432/dbname)`);
  const port = u.port ? Number(u.port) : 5432;
  const host =
    u.searchParams.get('host') ?? decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')) ?? 'localhost';
  return {
    host: host || 'localhost',
    port,
    user: decodeURIComponent(u.username) || userInfo().username,
    database,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    sslmode: u.searchParams.get('sslmode') ?? undefined,
    source,
  };
}

export interface ResolveOptions {
  /** The `--database` flag. */
  url?: string;
  env: NodeJS.ProcessEnv;
  /** The runbook environment's database, used when nothing else is given. */
  fallback?: { host: string; port: number; user: string; name: string } | null;
}

/** `--database`, then `DATABASE_URL`, then the `PG*` variables, then the runbook's environment. */
export function resolveConnection({ url, env, fallback }: ResolveOptions): DbConnection {
  if (url) return parseDatabaseUrl(url, 'flag');
  if (env.DATABASE_URL) return parseDatabaseUrl(env.DATABASE_URL, 'DATABASE_URL');
  const password = env.PGPASSWORD || undefined;
  if (env.PGHOST || env.PGDATABASE || env.PGUSER) {
    const user = env.PGUSER || userInfo().username;
    const port = Number(env.PGPORT || 5432);
    if (!Number.isInteger(port) || port <= 0)
      throw new UsageError(`PGPORT: expected a port number, got "${env.PGPORT}"`);
    return {
      host: env.PGHOST || 'localhost',
      port,
      user,
      database: env.PGDATABASE || user,
      password,
      source: 'PG*',
    };
  }
  if (fallback) {
    return {
      host: fallback.host,
      port: fallback.port,
      user: fallback.user,
      database: fallback.name,
      password,
      source: 'runbook',
    };
  }
  throw new UsageError(
    'no database given: pass --database postgres://user@host:5432/dbname, or set DATABASE_URL or PGHOST/PGDATABASE',
    'put the password in PGPASSWORD rather than in the URL, so it stays out of the process list',
  );
}

/** Environment of a child tool: libpq reads the password here, so it never appears in argv. */
export function childEnv(c: DbConnection, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, PGCONNECT_TIMEOUT: base.PGCONNECT_TIMEOUT ?? '10' };
  // A stale DATABASE_URL or PGDATABASE must not redirect a tool; argv says where to go.
  for (const key of ['PGPASSWORD', 'PGDATABASE', 'PGSERVICE', 'PGSSLMODE', 'DATABASE_URL']) delete env[key];
  if (c.password !== undefined) env.PGPASSWORD = c.password;
  if (c.sslmode) env.PGSSLMODE = c.sslmode;
  return env;
}

/** `-h host -p port -U user`: the only connection argv a child gets. */
export function childArgs(c: DbConnection): string[] {
  return ['-h', c.host, '-p', String(c.port), '-U', c.user];
}

/** Replaces the password wherever it could have slipped into a message. */
export function scrub(text: string, c: Pick<DbConnection, 'password'>): string {
  let out = text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@');
  if (c.password && c.password.length >= 3) out = out.split(c.password).join('***');
  return out;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNRESET',
  'ENETUNREACH',
]);

/**
 * One line a person can act on, from a pg error or a tool's stderr.
 * Unknown database → 3 (the precondition "it exists" fails); unreachable or refused login → 5.
 */
export function dbError(err: unknown, c: DbConnection, database = c.database): RunbookError {
  if (err instanceof RunbookError) return err;
  const e = err as { code?: string; message?: string };
  const message = scrub(String(e?.message ?? err), c);
  const where = `${c.host}:${c.port}`;
  const code = e?.code ?? '';
  if (
    UNREACHABLE.has(code) ||
    /Connection refused|could not translate host name|timeout expired|No route to host/i.test(message)
  ) {
    return new RunbookError(
      'E_DB_UNREACHABLE',
      `cannot reach PostgreSQL at ${where} (${code || firstLine(message)})`,
      EXIT.infrastructure,
      'check the host and port of --database, DATABASE_URL or PGHOST/PGPORT',
    );
  }
  if (code === '3D000' || /database "[^"]*" does not exist/.test(message)) {
    return new RunbookError(
      'E_DB_UNKNOWN',
      `database "${database}" does not exist on ${where}`,
      EXIT.precondition,
      'check the database name; `psql -l` lists them',
    );
  }
  if (
    code === '28P01' ||
    code === '28000' ||
    /password authentication failed|role "[^"]*" does not exist|no pg_hba.conf entry/.test(message)
  ) {
    return new RunbookError(
      'E_DB_AUTH',
      `PostgreSQL at ${where} refused login as "${c.user}": ${firstLine(message).replace(/^.*FATAL:\s*/, '')}`,
      EXIT.infrastructure,
      'check the user and PGPASSWORD',
    );
  }
  return new RunbookError(
    'E_DB',
    `PostgreSQL (${describeConnection(c, database)}): ${firstLine(message)}`,
    EXIT.infrastructure,
  );
}

function firstLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => /FATAL|ERROR|error:/.test(l)) ?? lines[0] ?? 'unknown error').replace(
    /^(pg_\w+|createdb): (error: )?/,
    '',
  );
}
