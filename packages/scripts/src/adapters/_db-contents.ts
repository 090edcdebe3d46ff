/** The db adapter's calls on what a database holds: exact row counts and checksums of its user tables. */
import type { WithClient } from './_db-client.ts';
import { quoteIdent } from './_db-properties.ts';

const USER_TABLES = `SELECT n.nspname AS schema, c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
 ORDER BY 1, 2`;

export function contentCalls(withClient: WithClient) {
  return {
    rowCounts: (database: string) =>
      withClient(async (client): Promise<Record<string, number>> => {
        const tables = (await client.query<{ schema: string; name: string }>(USER_TABLES)).rows;
        if (tables.length === 0) return {};
        const select = tables.map(
          (t, i) => `(SELECT count(*) FROM ${quoteIdent(t.schema)}.${quoteIdent(t.name)})::bigint AS c${i}`,
        );
        const row = (await client.query(`SELECT ${select.join(', ')}`)).rows[0] as Record<string, string>;
        return Object.fromEntries(tables.map((t, i) => [`${t.schema}.${t.name}`, Number(row[`c${i}`])]));
      }, database),
    checksums: (database: string) =>
      withClient(async (client) => {
        const tables = (await client.query<{ schema: string; name: string }>(USER_TABLES)).rows;
        const out: Record<string, string> = {};
        for (const t of tables) {
          const { rows } = await client.query<{ sum: string }>(
            `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM ${quoteIdent(t.schema)}.${quoteIdent(t.name)} t`,
          );
          out[`${t.schema}.${t.name}`] = rows[0]!.sum;
        }
        return out;
      }, database),
  };
}
