/**
 * Database-level properties a restore into a new database would lose: pg_dump without --create carries
 * neither `ALTER DATABASE … SET` nor database GRANTs, and CREATE DATABASE must match the old encoding and
 * collation.
 */
import type { ClientBase } from 'pg';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

interface DbRow {
  owner: string;
  encoding: string;
  collate: string;
  ctype: string;
}

/** CREATE DATABASE like `model`: same encoding, collation and owner (the owner only when we may set it). */
export async function createLike(
  client: ClientBase,
  name: string,
  model: string,
): Promise<{ warnings: string[] }> {
  const { rows } = await client.query<DbRow>(
    `SELECT pg_get_userbyid(datdba) AS owner, pg_encoding_to_char(encoding) AS encoding,
            datcollate AS collate, datctype AS ctype
       FROM pg_database WHERE datname = $1`,
    [model],
  );
  const row = rows[0];
  if (!row) throw Object.assign(new Error(`database "${model}" does not exist`), { code: '3D000' });
  const base = `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING ${quoteLiteral(row.encoding)} LC_COLLATE ${quoteLiteral(row.collate)} LC_CTYPE ${quoteLiteral(row.ctype)}`;
  try {
    await client.query(`${base} OWNER ${quoteIdent(row.owner)}`);
    return { warnings: [] };
  } catch (e) {
    if ((e as { code?: string }).code !== '42501') throw e;
    await client.query(base);
    return {
      warnings: [
        `the restored database is owned by the connecting user, not "${row.owner}" (not allowed to set it)`,
      ],
    };
  }
}

/** Copies `ALTER DATABASE … SET`, `ALTER ROLE … IN DATABASE … SET` and database GRANTs from `from` to `to`. */
export async function copyDatabaseProperties(
  client: ClientBase,
  from: string,
  to: string,
): Promise<{ warnings: string[] }> {
  const warnings: string[] = [];
  const settings = await client.query<{ role: string | null; setting: string }>(
    `SELECT CASE WHEN s.setrole = 0 THEN NULL ELSE pg_get_userbyid(s.setrole) END AS role, unnest(s.setconfig) AS setting
       FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = $1`,
    [from],
  );
  for (const { role, setting } of settings.rows) {
    const eq = setting.indexOf('=');
    const sql = `${role ? `ALTER ROLE ${quoteIdent(role)} IN DATABASE` : 'ALTER DATABASE'} ${quoteIdent(to)} SET ${quoteIdent(setting.slice(0, eq))} = ${quoteLiteral(setting.slice(eq + 1))}`;
    await tryQuery(client, sql, warnings);
  }
  const acl = await client.query<{ grantee: string | null; privilege: string; grantable: boolean }>(
    `SELECT CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END AS grantee,
            a.privilege_type AS privilege, a.is_grantable AS grantable
       FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = $1 AND d.datacl IS NOT NULL`,
    [from],
  );
  if (acl.rows.length > 0) {
    // An explicit ACL replaces the defaults (PUBLIC may CONNECT and TEMP): start from none, as the old one did.
    await tryQuery(client, `REVOKE ALL ON DATABASE ${quoteIdent(to)} FROM PUBLIC`, warnings);
    for (const { grantee, privilege, grantable } of acl.rows) {
      const who = grantee ? quoteIdent(grantee) : 'PUBLIC';
      await tryQuery(
        client,
        `GRANT ${privilege} ON DATABASE ${quoteIdent(to)} TO ${who}${grantable ? ' WITH GRANT OPTION' : ''}`,
        warnings,
      );
    }
  }
  return { warnings };
}

async function tryQuery(client: ClientBase, sql: string, warnings: string[]): Promise<void> {
  try {
    await client.query(sql);
  } catch (e) {
    warnings.push(`could not copy a database property (${(e as Error).message}): ${sql}`);
  }
}
