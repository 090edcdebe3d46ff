/** What `pg_restore --list` and `pg_restore --data-only -f -` say about a custom-format dump. */

/** The header and table list of a custom-format dump. */
export interface DumpInfo {
  path: string;
  /** When pg_dump started, from the archive header; the edge of the data-loss window. */
  createdAt: Date | null;
  /** Database the dump was taken from. */
  dbname: string | null;
  format: string;
  /** `schema.table` of every TABLE DATA entry. */
  tables: string[];
  entries: number;
}

export function parseDumpList(path: string, text: string): DumpInfo {
  const header = (key: string) => new RegExp(`^;\\s+${key}:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim() ?? null;
  const created = /^; Archive created at (.+)$/m.exec(text)?.[1]?.trim();
  const tables: string[] = [];
  let entries = 0;
  for (const line of text.split('\n')) {
    if (!/^\d+; /.test(line)) continue;
    entries += 1;
    // "3340; 0 16390 TABLE DATA public a postgres"
    const m = /^\d+; \d+ \d+ TABLE DATA (\S+) (\S+) /.exec(line);
    if (m) tables.push(`${m[1]}.${m[2]}`);
  }
  return {
    path,
    createdAt: parseArchiveDate(created),
    dbname: header('dbname'),
    format: header('Format') ?? 'unknown',
    tables,
    entries,
  };
}

function parseArchiveDate(text: string | undefined): Date | null {
  if (!text) return null;
  // "2024-01-15 14:00:03 UTC"; other zone names are not parsed reliably, so only UTC and numeric offsets count.
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\s*(UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/.exec(text);
  if (!m) return null;
  const zone = !m[3] || m[3] === 'UTC' || m[3] === 'GMT' ? 'Z' : m[3].length === 3 ? `${m[3]}:00` : m[3];
  const d = new Date(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Rows of the first COPY block of a `pg_restore --data-only -f -` script, by column name. */
export function parseCopyRows(script: string): Array<Record<string, string | null>> {
  const lines = script.split('\n');
  const start = lines.findIndex((l) => /^COPY \S+ \(.*\) FROM stdin;$/.test(l));
  if (start < 0) return [];
  const columns = /\((.*)\)/
    .exec(lines[start]!)![1]!
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, '').replace(/""/g, '"'));
  const rows: Array<Record<string, string | null>> = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    const cells = line.split('\t').map((cell) => (cell === '\\N' ? null : unescapeCopy(cell)));
    rows.push(Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? null])));
  }
  return rows;
}

function unescapeCopy(cell: string): string {
  const map: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v', '\\': '\\' };
  return cell.replace(/\\(.)/g, (_, c: string) => map[c] ?? c);
}
